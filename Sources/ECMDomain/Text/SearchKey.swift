import Foundation

/// The form of a name used for searching: lower case, accents and marks removed, so that
/// "nunez" finds "Núñez" and "nguyen" finds "Nguyễn". Stores keep it beside the name.
public enum SearchKey {
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if let replacement = extraFoldings[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else if !scalar.properties.isDiacritic || scalar.properties.generalCategory != .nonspacingMark {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Letters that are distinct letters rather than accented ones, so folding keeps them.
    private static let extraFoldings: [Unicode.Scalar: String] = [
        "đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
    ]
}
