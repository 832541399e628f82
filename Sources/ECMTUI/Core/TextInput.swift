/// An editable line (or, with newlines allowed, a small text area): text and a cursor, with the
/// editing keys of a shell prompt.
public struct TextInput: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Index in `characters` where typing inserts.
    public private(set) var cursor: Int
    public let multiline: Bool

    public init(_ text: String = "", multiline: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.multiline = multiline
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .enter where multiline:
            characters.insert("\n", at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = lineStart
        case .end: cursor = lineEnd
        case .control("e") where !multiline: cursor = lineEnd
        case .control("u"):
            let start = lineStart
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .control("k"):
            characters.removeSubrange(cursor..<lineEnd)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up where multiline: moveLine(by: -1)
        case .down where multiline: moveLine(by: 1)
        default:
            return false
        }
        return true
    }

    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    private var lineStart: Int {
        var index = cursor
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private var lineEnd: Int {
        var index = cursor
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    private mutating func moveLine(by delta: Int) {
        let column = cursor - lineStart
        if delta < 0 {
            guard lineStart > 0 else { return }
            cursor = lineStart - 1
            cursor = min(lineStart + column, lineEnd)
        } else {
            guard lineEnd < characters.count else { return }
            cursor = lineEnd + 1
            cursor = min(cursor + column, lineEnd)
        }
    }

    /// The text before the cursor on its line, for placing the terminal cursor.
    public var beforeCursorOnLine: String { String(characters[lineStart..<cursor]) }
    /// The line the cursor is on, counting from 0.
    public var cursorLine: Int { characters[..<cursor].filter { $0 == "\n" }.count }
}
