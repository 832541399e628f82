/// Durations as options take them: a whole number and a unit, `500ms`, `90s`, `15m`, `12h`.
public enum DurationText {
    /// The duration `text` names, or nil.
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, duration: (Int64) -> Duration)] = [
            ("ms", { .milliseconds($0) }), ("s", { .seconds($0) }), ("m", { .seconds($0 * 60) }), ("h", { .seconds($0 * 3600) }),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let digits = text.dropLast(unit.suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let value = Int64(digits), value > 0, value <= 1_000_000
            else { return nil }
            return unit.duration(value)
        }
        return nil
    }

    /// Milliseconds of `parse`'s durations or of days (`30d`), for expiries.
    public static func parseDays(_ text: String) -> Int64? {
        if text.hasSuffix("d"), let days = Int64(text.dropLast()), (1...3650).contains(days) { return days * 86_400_000 }
        guard let duration = parse(text) else { return nil }
        return duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// Text `parse` reads back as `duration`: whole seconds (`60s`), else milliseconds.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds != 0 { return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms" }
        return "\(seconds)s"
    }
}
