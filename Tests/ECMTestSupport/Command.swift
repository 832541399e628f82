import Foundation

/// Runs a built executable of this package as a subprocess, the way a user or script would.
public struct Command: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        /// stdout parsed as JSON.
        public func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        public func jsonObject() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else { throw CommandError.notAnObject(stdout) }
            return object
        }
    }

    public enum CommandError: Error { case notAnObject(String) }

    public private(set) var executable: String
    public var environment: [String: String]
    /// Where it runs (the test's own folder unless set).
    public var currentDirectory: String?

    /// A product of this package (`ecm`, `ecm-server`), beside the running test bundle.
    public init(product: String, environment: [String: String] = [:]) {
        executable = Command.productsFolder + "/" + product
        var base = ProcessInfo.processInfo.environment
        base["NO_COLOR"] = "1"
        for key in ["ECM_STORE", "ECM_USER", "ECM_SERVER", "ECM_TOKEN", "ECM_SERVER_DB", "ECM_CA_FILE"] { base[key] = nil }
        self.environment = base.merging(environment) { $1 }
    }

    /// Any program, with the same environment as the products get.
    public init(executable: String, environment: [String: String] = [:]) {
        self.init(product: "", environment: environment)
        self.executable = executable
    }

    /// The folder holding the built products (`.build/debug`).
    public static var productsFolder: String {
        if let folder = ProcessInfo.processInfo.environment["ECM_PRODUCTS"] { return folder }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" && !url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        if url.path == "/" { url = URL(fileURLWithPath: CommandLine.arguments[0]) }
        return url.deletingLastPathComponent().path
    }

    @discardableResult
    public func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot stall the child.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
