import Foundation

/// A throwaway certificate authority and a certificate it signed for 127.0.0.1 (and `localhost`),
/// made with openssl in a test's directory: what the TLS and SMTP tests trust and serve.
public struct TestCertificates: Sendable {
    public let caFile: String
    public let certificateFile: String
    public let keyFile: String

    public enum Failure: Error { case openssl(String) }

    /// `name` keeps several sets apart in one directory (a second CA, a renewed certificate).
    public init(in directory: TemporaryDirectory, name: String = "test") throws {
        caFile = directory.file("\(name)-ca.pem")
        certificateFile = directory.file("\(name)-server.pem")
        keyFile = directory.file("\(name)-server.key")
        let caKey = directory.file("\(name)-ca.key")
        let request = directory.file("\(name)-server.csr")
        let extensions = directory.file("\(name)-server.ext")
        try "subjectAltName = IP:127.0.0.1, DNS:localhost\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caFile, "-days", "1", "-subj", "/CN=ecm \(name) CA",
        ])
        try Self.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", request, "-subj", "/CN=127.0.0.1"])
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial", "-out", certificateFile,
            "-days", "1", "-extfile", extensions,
        ])
        chmod(keyFile, 0o600)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.openssl(arguments.first ?? "") }
    }
}
