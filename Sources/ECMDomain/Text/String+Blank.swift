extension String {
    /// Rails' `blank?`: empty or only whitespace (including newlines and Unicode spaces).
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
