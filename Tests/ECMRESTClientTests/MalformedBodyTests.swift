import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// Bodies the HTTP layer cannot read whole, sent over raw sockets to a real `ecm-server`: a
/// 400 in the API's shape, never a 500 or an unhandled error in the log.
struct MalformedBodyTests {
    let directory: TemporaryDirectory
    let path: String
    let token: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("server.sqlite")
        let database = try AppDatabase.open(path: path, create: true)
        let user = try database.addUser(name: "Jane Coordinator")
        _ = try database.addPatient(name: "José Núñez", dateOfBirth: nil)
        token = try database.issueToken(userID: user.id)
    }

    @Test func malformedAndShortBodiesAre400AndNothingUnhandledIsLogged() throws {
        defer { directory.remove() }
        let server = try LiveServer(database: path)
        let head = "POST /v1/clinic/ecm/patients/1/activities HTTP/1.1\r\nHost: localhost\r\nX-User-Token: \(token)\r\nContent-Type: application/json\r\n"
        let body = #"{"activity": {"activity_type": "note", "body": "b", "assigned_to_id": 1}}"#

        let chunked = try RawSocket(port: server.port)
        try chunked.send(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n\(body)\r\n0\r\n\r\n")
        let chunkedReply = chunked.readToEnd()
        #expect(chunkedReply.hasPrefix("HTTP/1.1 400"), "\(chunkedReply)")
        #expect(chunkedReply.components(separatedBy: "HTTP/1.1 ").count == 2, "one answer: \(chunkedReply)")

        let short = try RawSocket(port: server.port)
        try short.send(head + "Content-Length: \(body.utf8.count + 100)\r\n\r\n" + body)
        short.shutdownWrite()
        let shortReply = short.readToEnd()
        #expect(shortReply.hasPrefix("HTTP/1.1 400"), "\(shortReply)")
        #expect(shortReply.hasSuffix(#"{"errors":["Request body is malformed or incomplete"]}"#))
        #expect(shortReply.components(separatedBy: "HTTP/1.1 ").count == 2, "one answer: \(shortReply)")

        let stored = try RawSocket(port: server.port)
        try stored.send("GET /v1/clinic/ecm/patients/1/activities HTTP/1.1\r\nHost: localhost\r\nX-User-Token: \(token)\r\nConnection: close\r\n\r\n")
        #expect(stored.readToEnd().contains(#""total_count":0"#))
        let log = server.stopAndReadLog()
        #expect(!log.contains("unhandled error"), "\(log)")
        #expect(!log.contains("500"))
    }
}
