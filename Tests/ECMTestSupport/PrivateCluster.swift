import Foundation

/// A PostgreSQL cluster of one test's own (initdb + pg_ctl in a temporary folder), for tests
/// that stop and start the database: the shared test cluster must stay up for the others.
/// Run as the `postgres` user when the tests run as root, as PostgreSQL refuses root.
public final class PrivateCluster: @unchecked Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binaries + "/pg_ctl") }

    public let folder: String
    public let port: Int
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    public init() throws {
        folder = NSTemporaryDirectory() + "ecm-cluster-" + UUID().uuidString.prefix(8)
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres", folder], asPostgres: false) }
        try Self.run(Self.binaries + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "--no-sync"])
        try start()
    }

    public func start() throws {
        try Self.run(Self.binaries + "/pg_ctl", [
            "-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "30",
            "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1", "start",
        ])
    }

    /// `immediate` is a crash: no checkpoint, recovery from the log at the next start.
    public func stop(immediate: Bool = false) throws {
        try Self.run(Self.binaries + "/pg_ctl", ["-D", folder + "/data", "-m", immediate ? "immediate" : "fast", "-w", "stop"])
    }

    public func remove() {
        try? stop(immediate: true)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a tool to its end (as `postgres` when root), through a shell that first closes every
    /// descriptor but 0–2: the server `pg_ctl start` leaves running would otherwise hold the
    /// ones Foundation watches, and `waitUntilExit` would never return.
    private static func run(_ tool: String, _ arguments: [String], asPostgres: Bool = true) throws {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        let output = NSTemporaryDirectory() + "ecm-cluster-output-" + UUID().uuidString
        FileManager.default.createFile(atPath: output, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let closeOthers = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-" 2>/dev/null; fi; done; exec "$@""#
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", closeOthers, "bash"] + command
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw Failed(description: "\(tool) \(arguments.joined(separator: " ")): \(message)")
        }
    }

    struct Failed: Error, CustomStringConvertible { let description: String }

    /// A port nothing listens on now (bound to 0, then released).
    static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failed(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
