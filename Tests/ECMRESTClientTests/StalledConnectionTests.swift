import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// A real `ecm-server` under more stalled clients than it has file descriptors: others keep
/// being served, and the stalled ones are closed when their time is up.
struct StalledConnectionTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("server.sqlite")
        _ = try AppDatabase.open(path: path, create: true)
    }

    /// `GET /health` on a new connection: the whole answer, or "" when none came in `timeout`.
    private func health(_ server: LiveServer, timeout: Duration = .seconds(1)) -> String {
        guard let socket = try? RawSocket(port: server.port, timeout: timeout) else { return "" }
        defer { socket.close() }
        guard (try? socket.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")) != nil else { return "" }
        return socket.readToEnd()
    }

    @Test func stalledConnectionsBeyondTheFileLimitDoNotLockOthersOut() async throws {
        defer { directory.remove() }
        let server = try LiveServer(
            database: path, extraArguments: ["--header-timeout", "2s", "--body-timeout", "2s", "--idle-timeout", "2s"],
            fileLimit: 256)
        defer { server.stop() }
        // More stalled heads than the server has file descriptors.
        var stalled: [RawSocket] = []
        for _ in 0..<400 {
            guard let socket = try? RawSocket(port: server.port, timeout: .seconds(3)) else { break }
            try? socket.send("GET /health HT")
            stalled.append(socket)
        }
        #expect(stalled.count == 400)
        let cpuBefore = server.cpuTime()
        let clock = ContinuousClock()
        let measured = clock.now
        for _ in 0..<5 {
            let started = clock.now
            let reply = health(server)
            #expect(reply.hasPrefix("HTTP/1.1 200"), "no answer while stalled")
            #expect(clock.now - started < .seconds(1))
            try await Task.sleep(for: .milliseconds(200))
        }
        if let before = cpuBefore, let after = server.cpuTime() {
            let share = (after - before) / (clock.now - measured)
            print("ecm-server CPU while holding stalled connections: \(Int(share * 100))% of a core")
            #expect(share < 0.5)
        }
        // The server closes stalled heads after the header timeout.
        #expect(stalled.last?.isClosedByServer(within: .seconds(3)) == true)
        for socket in stalled { socket.close() }
        // Then full service: concurrent clients all answered.
        let replies = await withTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { health(server, timeout: .seconds(2)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
    }

    /// Each part of an exchange has its own time: a head dribbled byte by byte is cut at the
    /// header timeout, a body at the body timeout counted from its head (not sooner), a
    /// kept-alive connection at the idle timeout after its response. Timers never fire early,
    /// so only lower bounds are exact; upper bounds are generous for a busy machine.
    @Test func headerBodyAndIdleTimeoutsCloseStalledConnections() async throws {
        defer { directory.remove() }
        let server = try LiveServer(
            database: path, extraArguments: ["--header-timeout", "1s", "--body-timeout", "3s", "--idle-timeout", "1s"])
        defer { server.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let slowBody = try RawSocket(port: server.port)
        try slowBody.send("POST /v1/clinic/ecm/patients/1/activities HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{")
        let keptAlive = try RawSocket(port: server.port)
        try keptAlive.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let dribbling = try RawSocket(port: server.port)
        // A byte of head every 200 ms: progress, but never a whole head.
        var dribbleClosed = false
        for byte in Array(String(repeating: "GET /health HTTP/1.1\r\nX-A: b\r\n", count: 3).utf8) {
            try? dribbling.send([byte])
            if dribbling.isClosedByServer(within: .milliseconds(200)) {
                dribbleClosed = true
                break
            }
        }
        #expect(dribbleClosed)
        #expect(clock.now - start >= .seconds(1))
        #expect(keptAlive.isClosedByServer(within: .seconds(10)))
        #expect(slowBody.isClosedByServer(within: .seconds(10)))
        #expect(clock.now - start >= .seconds(3), "the body had its own 3 s")
        #expect(health(server).hasPrefix("HTTP/1.1 200"))
    }

    /// A cap the open-file limit cannot hold is refused at start (accepting would run out of
    /// descriptors); one the hard limit allows raises the soft limit to fit.
    @Test func maxConnectionsMustFitTheOpenFileLimit() throws {
        defer { directory.remove() }
        do {
            let started = try LiveServer(database: path, extraArguments: ["--max-connections", "1000"], fileLimit: 256)
            started.stop()
            Issue.record("a cap of 1000 connections under 256 file descriptors was accepted")
        } catch LiveServer.ServerError.didNotStart(let output) {
            #expect(output == "ecm-server: --max-connections can be at most 192 under this open-file limit (ulimit -n) less 64\n")
        }
        let raised = try LiveServer(database: path, extraArguments: ["--max-connections", "1000"], fileLimit: 256, hardFileLimit: 2048)
        defer { raised.stop() }
        let limits = try String(contentsOfFile: "/proc/\(raised.process.processIdentifier)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }.map(String.init) ?? ""
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first == "1064", "\(line)")
        #expect(health(raised).hasPrefix("HTTP/1.1 200"))
    }
}
