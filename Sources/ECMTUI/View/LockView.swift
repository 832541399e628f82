import ECMDomain

/// The locked screen: nothing of the caseload, only why it locked, where it is signed in to,
/// and (over a server) the sign-in prompt, the password drawn as dots.
enum LockView {
    static func draw(_ screen: LockScreen, state: AppState, into buffer: inout Buffer) -> (x: Int, y: Int)? {
        let size = buffer.size
        buffer.fill(Rect(x: 0, y: 0, width: size.width, height: 1), style: Style(.title))
        buffer.write(" ecm — locked ", x: 0, y: 0, style: Style(.title, bold: true))
        let width = min(60, size.width - 4)
        let left = max(2, (size.width - width) / 2)
        var y = max(2, size.height / 2 - 5)
        buffer.write(screen.headline, x: left, y: y, style: Style(.warning, bold: true))
        y += 1
        buffer.write(TerminalSafe.line(state.configuration.location), x: left, y: y, style: .dim)
        y += 2
        buffer.write("Sign in to resume where you were.", x: left, y: y)
        y += 2
        let labelWidth = 10
        let fieldWidth = max(10, width - labelWidth)
        let loginText = TerminalSafe.line(screen.login.text)
        let dots = String(repeating: "•", count: min(screen.password.characters.count, fieldWidth - 1))
        var cursor: (x: Int, y: Int)?
        for (index, (label, text)) in [("Login", loginText), ("Password", dots)].enumerated() {
            let focused = (index == 1) == screen.onPassword
            buffer.write(label, x: left, y: y, style: focused ? Style(.normal, bold: true) : .normal)
            let field = Rect(x: left + labelWidth, y: y, width: fieldWidth, height: 1)
            buffer.fill(field, style: Style(.selectedUnfocused))
            let shown = String(text.suffix(fieldWidth - 1))
            buffer.write(shown, x: field.x, y: y, style: Style(.selectedUnfocused))
            if focused, !screen.signingIn { cursor = (field.x + DisplayWidth.of(shown), y) }
            y += 1
        }
        y += 1
        if screen.signingIn {
            buffer.write("Signing in…", x: left, y: y, style: .dim)
        } else if let error = screen.error {
            buffer.write(TerminalSafe.line(error), x: left, y: y, style: Style(.error, bold: true))
        }
        buffer.write("Enter signs in · Tab switches field · Ctrl-C quits", x: left, y: size.height - 1, style: .dim)
        return cursor
    }
}
