import ECMDomain

/// `:` commands: every action has a name; Tab completes names and arguments.
extension AppState {
    mutating func commandLineKey(_ key: Key, _ line: inout CommandLine) -> [Effect] {
        switch CommandLine.command(for: key) {
        case .cancel?:
            overlay = nil
            return []
        case .run?:
            overlay = nil
            return run(command: line.input.text)
        case .complete?, .completeBack?:
            if line.completionIndex == nil || line.completions.isEmpty {
                line.completions = completions(for: line.input.text)
                line.completionIndex = nil
            }
            guard !line.completions.isEmpty else { break }
            let step = key == .tab ? 1 : -1
            let next = ((line.completionIndex ?? (step > 0 ? -1 : 0)) + step + line.completions.count) % line.completions.count
            line.completionIndex = next
            line.input.set(line.completions[next] + (expectsMore(after: line.completions[next]) ? " " : ""))
        case .help?:
            overlay = .overlayHelp(.commandLine(line))
            return []
        case nil:
            if line.input.handle(key) {
                line.completions = []
                line.completionIndex = nil
            }
        }
        overlay = .commandLine(line)
        return []
    }

    /// Whether a completed line goes on (a command's argument, another filter word), so Tab
    /// adds the space before it.
    private func expectsMore(after completion: String) -> Bool {
        let words = completion.split(separator: " ", maxSplits: 1)
        guard let command = Action.commands.first(where: { $0.name == words.first.map(String.init) }) else { return false }
        return words.count == 1 ? command.argument != .none : command.argument == .filter
    }

    /// Runs `name [argument]`; a unique prefix of a name is enough.
    mutating func run(command text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let word = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        let candidates = Action.commands.filter { $0.name == word }
            + (Action.commands.contains { $0.name == word } ? [] : Action.commands.filter { $0.name.hasPrefix(word) })
        guard let command = candidates.first, candidates.count == 1 || candidates[0].name == word else {
            setStatus(candidates.isEmpty ? "Unknown command :\(word) (? lists keys, Tab completes)" : "Ambiguous :\(word): \(candidates.map(\.name).joined(separator: ", "))", error: true)
            return []
        }
        guard let action = command.make(argument) else {
            setStatus("Cannot \(command.name) \(argument ?? "")", error: true)
            return []
        }
        return perform(action)
    }

    /// Whole command lines that complete what is typed.
    func completions(for text: String) -> [String] {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count < 2 {
            let prefix = parts.first?.lowercased() ?? ""
            return Action.commands.map(\.name).filter { $0.hasPrefix(prefix) && $0 != "q" }
        }
        guard let command = Action.commands.first(where: { $0.name == parts[0].lowercased() }) else { return [] }
        let typed = parts[1]
        let options: [String]
        switch command.argument {
        case .none, .patient: options = []
        case .activityType: options = ActivityType.allCases.map(\.rawValue)
        case .user: options = users.map(\.name)
        case .filter:
            let words = typed.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let head = words.dropLast().joined(separator: " ")
            let filters = ActivityType.allCases.map { "type=\($0.rawValue)" } + ActivityStatus.allCases.map { "status=\($0.rawValue)" }
                + users.map { "assignee=\($0.name.split(separator: " ").first.map(String.init) ?? $0.name)" } + ["clear"]
            let last = SearchKey.fold(words.last ?? "")
            return filters.filter { SearchKey.fold($0).hasPrefix(last) }
                .map { "\(command.name) " + (head.isEmpty ? "" : head + " ") + $0 }
        }
        return NameMatch.ranked(options, query: typed, name: { $0 }).map { "\(command.name) \($0)" }
    }
}
