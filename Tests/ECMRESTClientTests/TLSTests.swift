import ECMDomain
import ECMRESTClient
import ECMStore
import ECMTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ecm-server serve --tls-cert --tls-key` and `ecm --ca-file`: HTTPS with certificates from a
/// throwaway CA made by openssl in the test, a certificate swapped on SIGHUP, and every refusal
/// one clear line.
@Suite(.serialized)
struct TLSTests {
    let directory: TemporaryDirectory
    let path: String
    let token: String
    let userID: Int64
    let patientID: Int64

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("server.sqlite")
        let database = try AppDatabase.open(path: path, create: true)
        let user = try database.addUser(name: "Jane Coordinator")
        userID = user.id
        patientID = try database.addPatient(name: "José Núñez", dateOfBirth: nil).id
        token = try database.issueToken(userID: user.id)
    }

    func backend(_ server: LiveServer, caFile: String?) throws(BackendError) -> RESTBackend {
        var configuration = RESTBackend.Configuration(baseURL: server.url, token: token)
        configuration.caFile = caFile
        configuration.readRetries = 0
        return try RESTBackend(configuration)
    }

    func note() -> ActivityInput {
        .json(#"{"activity_type": "note", "body": "Spoke with her daughter", "assigned_to_id": \#(userID)}"#)
    }

    @Test func aClientTrustingTheCAWorksOverHTTPSAndOthersAreRefusedInOneLine() async throws {
        defer { directory.remove() }
        let clinic = try TestCertificates(in: directory, name: "clinic")
        let stranger = try TestCertificates(in: directory, name: "stranger")
        let server = try LiveServer(database: path, extraArguments: ["--tls-cert", clinic.certificateFile, "--tls-key", clinic.keyFile])
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://127.0.0.1:"))

        let trusted = try backend(server, caFile: clinic.caFile)
        let created = try await trusted.createActivity(patientID: patientID, input: note())
        #expect(try await trusted.activity(patientID: patientID, id: created.id).body == "Spoke with her daughter")

        for caFile in [nil, stranger.caFile] {
            do throws(BackendError) {
                _ = try await backend(server, caFile: caFile).patients(PatientQuery())
                Issue.record("a client not trusting the server's CA was answered")
            } catch {
                #expect(error.description == "Cannot reach the ecm server at \(server.url): its certificate is not trusted (a private CA? --ca-file or ECM_CA_FILE)")
            }
        }
        // The CLI: --ca-file or ECM_CA_FILE, else one line and exit 5.
        let ecm = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": token, "HOME": directory.path])
        #expect(try ecm.run(["patients", "list", "--ca-file", clinic.caFile]).status == 0)
        var withEnvironment = ecm
        withEnvironment.environment["ECM_CA_FILE"] = clinic.caFile
        #expect(try withEnvironment.run(["patients", "list"]).stdout.contains("José Núñez"))
        let untrusted = try ecm.run(["patients", "list"])
        #expect(untrusted.status == 5)
        #expect(untrusted.stderr == "ecm: Cannot reach the ecm server at \(server.url): its certificate is not trusted (a private CA? --ca-file or ECM_CA_FILE)\n")
        // Plain HTTP to the HTTPS port is no answer either.
        var plain = RESTBackend.Configuration(baseURL: "http://127.0.0.1:\(server.port)", token: token)
        plain.readRetries = 0
        await #expect(throws: BackendError.self) { try await RESTBackend(plain).patients(PatientQuery()) }
        // A CA file that is no certificate is refused before anything is sent.
        let junk = directory.file("junk.pem")
        try "not a certificate".write(toFile: junk, atomically: true, encoding: .utf8)
        #expect(throws: BackendError.badRequest("--ca-file \(junk): not a PEM certificate")) { try backend(server, caFile: junk) }
    }

    @Test func aNewCertificateIsServedAfterSIGHUP() async throws {
        defer { directory.remove() }
        let old = try TestCertificates(in: directory, name: "old")
        let renewed = try TestCertificates(in: directory, name: "renewed")
        let certificate = directory.file("served.pem")
        let key = directory.file("served.key")
        func serve(_ set: TestCertificates) throws {
            for (from, to) in [(set.certificateFile, certificate), (set.keyFile, key)] {
                try? FileManager.default.removeItem(atPath: to)
                try FileManager.default.copyItem(atPath: from, toPath: to)
            }
            chmod(key, 0o600)
        }
        try serve(old)
        let server = try LiveServer(database: path, extraArguments: ["--tls-cert", certificate, "--tls-key", key])
        defer { server.stop() }
        #expect(try await backend(server, caFile: old.caFile).patients(PatientQuery()).items.count == 1)
        await #expect(throws: BackendError.self) { try await backend(server, caFile: renewed.caFile).patients(PatientQuery()) }

        try serve(renewed)
        server.signal(SIGHUP)
        let deadline = ContinuousClock.now + .seconds(10)
        var answered = false
        while !answered, ContinuousClock.now < deadline {
            answered = (try? await backend(server, caFile: renewed.caFile).patients(PatientQuery())) != nil
            if !answered { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answered, "the renewed certificate was not served after SIGHUP")
        #expect(server.process.isRunning)

        // A broken file on the next SIGHUP keeps the certificate being served.
        try "broken".write(toFile: certificate, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.process.isRunning)
        var again = RESTBackend.Configuration(baseURL: server.url, token: token)
        again.caFile = renewed.caFile
        again.connectTimeout = .seconds(4)  // another client: a new connection, not a kept-alive one
        #expect(try await RESTBackend(again).patients(PatientQuery()).items.count == 1)
    }

    @Test func aCertificateThatCannotServeStopsTheServerInOneLine() throws {
        defer { directory.remove() }
        let one = try TestCertificates(in: directory, name: "one")
        let other = try TestCertificates(in: directory, name: "other")
        let server = Command(product: "ecm-server")
        let mismatched = try server.run(["serve", "--db", path, "--port", "0", "--tls-cert", one.certificateFile, "--tls-key", other.keyFile])
        #expect(mismatched.status == 2)
        #expect(mismatched.stderr == "ecm-server: --tls-cert and --tls-key do not go together (the key is not the certificate's)\n")
        chmod(one.keyFile, 0o644)
        let readable = try server.run(["serve", "--db", path, "--port", "0", "--tls-cert", one.certificateFile, "--tls-key", one.keyFile])
        #expect(readable.status == 2)
        #expect(readable.stderr == "ecm-server: --tls-key \(one.keyFile) is readable by anyone: chmod o-r it (0600 or 0640)\n")
        let alone = try server.run(["serve", "--db", path, "--tls-cert", one.certificateFile])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--tls-cert and --tls-key go together"))
    }
}
