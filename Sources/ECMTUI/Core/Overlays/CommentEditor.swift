import ECMDomain

/// A comment being written and what it goes on, chosen when the editor opens: a refresh or a
/// landing that moves the selection meanwhile cannot send it elsewhere.
public struct CommentEditor: KeyedOverlay, Equatable {
    public enum Target: Sendable, Equatable {
        /// One activity, and how the title names it ("task 12 for José Núñez").
        case activity(ActivityKey, name: String)
        /// Every activity marked when the editor opened.
        case marked([MarkedActivity])
    }
    public var input: TextInput
    public var target: Target
    public init(_ input: TextInput = TextInput(multiline: true), target: Target) {
        self.input = input
        self.target = target
    }

    /// What the title says it is on.
    var on: String {
        switch target {
        case .activity(_, let name): name
        case .marked(let items): "\(items.count.grouped) marked"
        }
    }

    public enum Command: Sendable, Equatable { case save, externalEditor, close, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.control("s")], .save, "saves"),
        OverlayBinding([.control("e")], .externalEditor, "$EDITOR", help: "write it in $EDITOR"),
        OverlayBinding([.escape], .close, "closes", help: "close (asks first if text was typed)"),
        OverlayBinding(Key.overlayHelp, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func commentEditorKey(_ key: Key, _ editor: inout CommentEditor) -> [Effect] {
        switch CommentEditor.command(for: key) {
        case .close?:
            return closeAsking(status: "Comment discarded")
        case .save?:
            guard !editor.input.text.isBlank else {
                setStatus("Body can't be blank", error: true)
                return []
            }
            switch editor.target {
            case .marked(let items): return batchComment(editor.input.text, items)
            case .activity(let key, _): return [.write(.comment(patientID: key.patientID, activityID: key.id, body: editor.input.text))]
            }
        case .externalEditor?:
            return [.openEditor(text: editor.input.text, target: .comment)]
        case .help?:
            overlay = .overlayHelp(.commentEditor(editor))
            return []
        case nil:
            _ = editor.input.handle(key)
            overlay = .commentEditor(editor)
            return []
        }
    }
}
