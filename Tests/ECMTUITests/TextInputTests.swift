import ECMTUI
import Testing

/// Line editing in fields, the comment editor and the command line.
struct TextInputTests {
    /// Ctrl-U used to read its line start after deleting, past the end of the text, and crash.
    @Test func ctrlUClearsToTheStartOfTheLine() {
        var input = TextInput("Follow up with patient")
        let handled = input.handle(.control("u"))
        #expect(handled)
        #expect(input.text == "")
        var multi = TextInput("first line\nsecond", multiline: true)
        _ = multi.handle(.control("u"))
        #expect(multi.text == "first line\n")
        _ = multi.handle(.character("x"))
        #expect(multi.text == "first line\nx")
    }

    @Test func editingKeysMoveAndDeleteByCharacterNotByte() {
        var input = TextInput("Núñez 王")
        _ = input.handle(.backspace)
        _ = input.handle(.left)
        _ = input.handle(.left)
        _ = input.handle(.character("X"))
        #expect(input.text == "NúñeXz ")
        _ = input.handle(.home)
        _ = input.handle(.delete)
        #expect(input.text == "úñeXz ")
        _ = input.handle(.end)
        _ = input.handle(.control("w"))
        #expect(input.text == "")
        let ignored = !input.handle(.function(5))
        #expect(ignored)
    }

    @Test func enterAddsALineOnlyWhenMultiline() {
        var single = TextInput("a")
        let singleTookEnter = single.handle(.enter)
        #expect(!singleTookEnter)
        var multi = TextInput("a", multiline: true)
        let multiTookEnter = multi.handle(.enter)
        #expect(multiTookEnter)
        _ = multi.handle(.character("b"))
        #expect(multi.text == "a\nb")
        #expect(multi.cursorLine == 1)
        _ = multi.handle(.up)
        _ = multi.handle(.character("c"))
        #expect(multi.text == "ac\nb")
    }
}

/// Where the cursor is drawn while editing, after moving with the arrows.
struct EditorLayoutTests {
    @Test func theCursorFollowsTheArrowsAcrossWrappedAndBrokenLines() {
        var input = TextInput("Left voicemail\n王秀英 called back", multiline: true)
        var layout = EditorLayout(input, width: 10)
        #expect(layout.lines == ["Left voice", "mail", "王秀英 cal", "led back"])
        #expect(layout.cursorRow == 3 && layout.cursorColumn == 8)
        for _ in 0..<13 { _ = input.handle(.left) }
        layout = EditorLayout(input, width: 10)
        #expect(layout.cursorRow == 2 && layout.cursorColumn == 4)  // after 王秀 (two wide characters)
        _ = input.handle(.home)
        layout = EditorLayout(input, width: 10)
        #expect(layout.cursorRow == 2 && layout.cursorColumn == 0)
        #expect(layout.visible(height: 2).first == 1)
    }
}
