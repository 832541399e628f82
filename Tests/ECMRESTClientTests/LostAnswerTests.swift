import ECMDomain
import ECMRESTClient
import ECMStore
import ECMTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Writes whose answer the network lost: the client sends them again with their
/// `Idempotency-Key`, and the server makes each once. A real `ecm-server` sending email as
/// files, behind a proxy that drops the answer to the first write (`Support/drop_response_proxy.py`).
struct LostAnswerTests {
    @Test func anEmailWhoseAnswerWasLostIsRecordedAndSentOnce() async throws {
        let setUp = try SetUp(drops: 1)
        defer { setUp.stop() }
        let input = ActivityInput.json(
            #"{"activity_type": "email", "assigned_to_id": \#(setUp.userID), "email_to": "parent@example.org", "subject": "Tuesday", "body": "See you at 10."}"#)
        let detail = try await setUp.backend.createActivity(patientID: setUp.patientID, input: input)
        #expect(setUp.proxy.dropped() == 1)
        let page = try await setUp.backend.activities(patientID: setUp.patientID, query: ActivityQuery())
        #expect(page.items.map(\.id) == [detail.id])
        // The message leaves once, with the Message-ID fixed when the activity was made.
        let mail = try await setUp.waitForMail(count: 1)
        try await Task.sleep(for: .seconds(1.5))
        #expect(setUp.mail().count == 1)
        let messageID = try #require(detail.emailDelivery?.messageID)
        #expect(mail.first?.contains("Message-ID: \(messageID)") == true)
    }

    @Test func anUpdateAndADeleteWhoseAnswersWereLostAreMadeOnce() async throws {
        let setUp = try SetUp(drops: 0)
        defer { setUp.stop() }
        let task = try await setUp.backend.createActivity(
            patientID: setUp.patientID,
            input: .json(#"{"activity_type": "task", "assigned_to_id": \#(setUp.userID), "message": "Call the pharmacy"}"#))
        setUp.proxy.drop(2)
        // Sent again with its If-Match: the server answers the first update, not 412.
        let updated = try await setUp.backend.updateActivity(
            patientID: setUp.patientID, id: task.id, input: .json(#"{"status": "complete"}"#), ifRevision: task.revision)
        #expect(updated.status == .complete)
        #expect(updated.revision == task.revision + 1)
        // Sent again: the first answer (204), not 404.
        try await setUp.backend.deleteActivity(patientID: setUp.patientID, id: task.id, ifRevision: updated.revision)
        #expect(setUp.proxy.dropped() == 2)
        let page = try await setUp.backend.activities(patientID: setUp.patientID, query: ActivityQuery())
        #expect(page.items.isEmpty)
    }

    /// A store, a server sending its email as files, the proxy in front, and a client through it.
    struct SetUp {
        let directory: TemporaryDirectory
        let server: LiveServer
        let proxy: DropResponseProxy
        let backend: RESTBackend
        let userID: Int64
        let patientID: Int64
        let outbox: String

        init(drops: Int) throws {
            directory = try TemporaryDirectory()
            let path = directory.file("server.sqlite")
            let database = try AppDatabase.open(path: path, create: true)
            let user = try database.addUser(name: "Jane Coordinator")
            userID = user.id
            patientID = try database.addPatient(name: "José Núñez", dateOfBirth: nil).id
            let token = try database.issueToken(userID: user.id)
            outbox = directory.file("mail")
            try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
            server = try LiveServer(
                database: path,
                extraArguments: ["--mail-transport", "file://\(outbox)", "--mail-from", "Clinic Care Team <care@clinic.example>"])
            proxy = try DropResponseProxy(upstreamPort: server.port, drops: drops)
            backend = try RESTBackend(RESTBackend.Configuration(baseURL: "http://127.0.0.1:\(proxy.port)", token: token))
        }

        func mail() -> [String] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).filter { $0.hasSuffix(".eml") }
            return names.compactMap { try? String(contentsOfFile: outbox + "/" + $0, encoding: .utf8) }
        }

        func waitForMail(count: Int) async throws -> [String] {
            let deadline = ContinuousClock.now + .seconds(20)
            while mail().count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            return mail()
        }

        func stop() {
            proxy.stop()
            server.stop()
            directory.remove()
        }
    }
}

/// `Support/drop_response_proxy.py` as a child process: loses the answers to the next writes.
final class DropResponseProxy: @unchecked Sendable {
    enum Failure: Error { case didNotStart(String) }

    let process: ChildProcess
    let port: Int
    private let control: Pipe
    private let log: Pipe
    private var losses = 0

    init(upstreamPort: Int, drops: Int) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Support/drop_response_proxy.py").path
        process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(upstreamPort), String(drops)]
        let stdout = Pipe()
        control = Pipe()
        log = Pipe()
        process.standardOutput = stdout
        process.standardInput = control
        process.standardError = log
        try process.run()
        let (line, buffer) = stdout.waitForLine(startingWith: "listening ", while: process)
        guard let found = line.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            process.terminate()
            throw Failure.didNotStart(buffer)
        }
        port = found
    }

    /// Loses the answers to the next `count` writes.
    func drop(_ count: Int) {
        control.fileHandleForWriting.write(Data("drop \(count)\n".utf8))
        Thread.sleep(forTimeInterval: 0.1)
    }

    /// How many answers it has lost so far.
    func dropped() -> Int {
        let data = log.fileHandleForReading.availableDataWithoutBlocking()
        losses += String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("dropped") }.count
        return losses
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

extension FileHandle {
    /// Whatever is buffered now, without waiting for more.
    func availableDataWithoutBlocking() -> Data {
        let descriptor = fileDescriptor
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }
}
