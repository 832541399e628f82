/// Lets the global options come before the subcommand (`ecm --store S demo-data`) as well as
/// after it: argument-parser binds an option to the command that declares it, so options given
/// before a subcommand are moved behind it.
enum GlobalOptions {
    /// Options that take a value.
    static let valued: Set<String> = ["--store", "--as", "--server"]
    /// Options that are flags.
    static let flags: Set<String> = ["--json", "--insecure-http"]

    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if valued.contains(name) {
                leading.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    leading.append(arguments[index + 1])
                    index += 1
                }
            } else if flags.contains(argument) {
                leading.append(argument)
            } else {
                break
            }
            index += 1
        }
        // Nothing after them: they belong to the root command (the terminal UI).
        guard !leading.isEmpty, index < arguments.count, !arguments[index].hasPrefix("-") else { return arguments }
        var rest = Array(arguments[index...])
        let terminator = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: terminator)
        return rest
    }
}
