/// What a cell looks like, by meaning rather than by colour, so that the terminal driver can
/// choose colours, or bold/reverse without them (NO_COLOR, monochrome terminals).
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, dim, accent, title, selected, selectedUnfocused, error, success, warning, border, key
        case typeTask, typeNote, typeSMS, typeCall, typeEmail, typeVisit
    }

    public var role: Role
    public var bold: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
    }

    public static let normal = Style()
    public static let dim = Style(.dim)
    public static let title = Style(.title, bold: true)
    public static let selected = Style(.selected)
    public static let border = Style(.border)
    public static let error = Style(.error, bold: true)
    public static let key = Style(.key, bold: true)
}
