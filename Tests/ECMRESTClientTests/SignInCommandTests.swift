import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// Sign-in from the command line, real binaries and a real server: `ecm-server users` sets up
/// logins, passwords and roles; `ecm login` (on a pseudo-terminal and from a script) keeps a
/// session in a 0600 credentials file; `ecm logout` ends it.
@Suite(.serialized)
struct SignInCommandTests {
    let directory: TemporaryDirectory
    let path: String
    let admin: Command

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("server.sqlite")
        admin = Command(product: "ecm-server", environment: ["ECM_SERVER_DB": path])
        try #require(admin.run(["migrate"]).status == 0)
    }

    @Test func usersGetLoginsPasswordsAndRolesAndCanBeDisabled() throws {
        defer { directory.remove() }
        let added = try admin.run(["users", "add", "--name", "Maria Hernández", "--login", "Maria.H", "--role", "admin"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.split(separator: "\n").last?.hasPrefix("ecm_") == true)
        let taken = try admin.run(["users", "add", "--name", "Another Maria", "--login", "maria.h"])
        #expect(taken.status == 1 && taken.stderr == "ecm-server: Login has already been taken\n")
        let badLogin = try admin.run(["users", "add", "--name", "Bob", "--login", "bob smith"])
        #expect(badLogin.status != 0 && badLogin.stderr.contains("Login must be 1 to 64"))

        let short = try admin.run(["users", "set-password", "1"], stdin: "short\n")
        #expect(short.status == 1 && short.stderr == "ecm-server: Password is too short (minimum is 12 characters)\n")
        let set = try admin.run(["users", "set-password", "1"], stdin: "correct horse battery staple\n")
        #expect(set.status == 0 && set.stdout == "password of user 1 set\n")
        #expect(!set.stdout.contains("correct horse") && !set.stderr.contains("correct horse"))

        let expiring = try admin.run(["users", "token", "1", "--expires", "30d"])
        #expect(expiring.status == 0)
        #expect(try admin.run(["users", "token", "1", "--expires", "soon"]).status != 0)
        #expect(try admin.run(["users", "list"]).stdout == "ID\tTOKENS\tROLE\tLOGIN\tNAME\n1\t2\tadmin\tmaria.h\tMaria Hernández\n")
        #expect(try admin.run(["users", "disable", "1"]).stdout == "user 1 disabled\n")
        #expect(try admin.run(["users", "list"]).stdout == "ID\tTOKENS\tROLE\tLOGIN\tNAME\n1\t0\tdisabled\tmaria.h\tMaria Hernández\n")
        // The password is stored only as a scrypt hash.
        let stored = try Command(executable: "/usr/bin/python3").run([
            "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT password_hash FROM users').fetchone()[0])", path,
        ])
        #expect(stored.stdout.hasPrefix("scrypt$32768$8$1$"))
        #expect(!stored.stdout.contains("correct horse"))
    }

    @Test func clinicsOwnTheirUsersAndPatients() throws {
        defer { directory.remove() }
        let clinic = try admin.run(["clinics", "add", "--name", "Eastside Clinic"])
        #expect(clinic.status == 0 && clinic.stdout == "2\n")
        let wrongClinic = try admin.run(["users", "add", "--name", "Nobody", "--clinic", "7"])
        #expect(wrongClinic.status == 1 && wrongClinic.stderr == "ecm-server: Clinic must exist\n")
        #expect(try admin.run(["patients", "add", "--name", "Nobody", "--clinic", "7"]).stderr == "ecm-server: Clinic must exist\n")
        #expect(try admin.run(["users", "list"]).stdout == "ID\tTOKENS\tROLE\tLOGIN\tNAME\n", "a refused add added someone")
        #expect(try admin.run(["users", "add", "--name", "Ana East", "--clinic", "2"]).status == 0)
        #expect(try admin.run(["patients", "add", "--name", "Eva East", "--clinic", "2"]).stdout == "1\n")
        #expect(try admin.run(["users", "add", "--name", "Maria West"]).status == 0)
        #expect(try admin.run(["patients", "add", "--name", "José West"]).stdout == "2\n")
        let server = try LiveServer(database: path)
        defer { server.stop() }
        let west = try #require(try admin.run(["users", "token", "2"]).stdout.split(separator: "\n").last.map(String.init))
        let ecm = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": west, "HOME": directory.path])
        let listed = try ecm.run(["patients", "list"])
        #expect(listed.stdout.contains("José West") && !listed.stdout.contains("Eva East"), "\(listed.stdout)")
        #expect(try ecm.run(["patients", "show", "1"]).stderr == "ecm: Patient not found\n")
    }

    @Test func loginOnATerminalKeepsASessionThatLogoutEnds() async throws {
        defer { directory.remove() }
        _ = try admin.run(["users", "add", "--name", "Maria Hernández", "--login", "maria"])
        _ = try admin.run(["patients", "add", "--name", "José Núñez"])
        _ = try admin.run(["users", "set-password", "1"], stdin: "correct horse battery staple\n")
        let server = try LiveServer(database: path)
        defer { server.stop() }
        let home = directory.file("home")
        let environment = ["HOME": home, "ECM_SERVER": server.url, "XDG_CONFIG_HOME": "", "TZ": "America/Los_Angeles"]
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/pty_run.py").path
        let terminal = Command(executable: "/usr/bin/python3", environment: environment)
        let ecm = Command(product: "ecm", environment: environment)

        // At a terminal: the login is asked, then the password without echo.
        let wrong = try terminal.run([
            script, "--answer", "Login: =maria", "--answer", "Password: =not the password", "--", ecm.executable, "login",
        ])
        #expect(wrong.status == 4)
        #expect(wrong.stdout.contains("Invalid login or password"))
        #expect(!wrong.stdout.contains("not the password"), "the password was echoed: \(wrong.stdout)")
        let signedIn = try terminal.run([
            script, "--answer", "Password: =correct horse battery staple", "--", ecm.executable, "login", "--login", "maria",
        ])
        #expect(signedIn.status == 0, "\(signedIn.stdout)")
        #expect(!signedIn.stdout.contains("correct horse"), "the password was echoed: \(signedIn.stdout)")
        #expect(signedIn.stdout.contains("Signed in to \(server.url) as Maria Hernández (coordinator) until "))
        #expect(signedIn.stdout.contains(" PST at the latest") || signedIn.stdout.contains(" PDT at the latest"))

        let credentials = home + "/.config/ecm/credentials"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: credentials)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let folderMode = try #require(try FileManager.default.attributesOfItem(atPath: home + "/.config/ecm")[.posixPermissions] as? Int)
        #expect(folderMode == 0o700)
        let token = try String(contentsOfFile: credentials, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("ecm_"))
        #expect(try ecm.run(["patients", "list"]).stdout.contains("José Núñez"))

        let out = try ecm.run(["logout"])
        #expect(out.status == 0 && out.stdout == "Signed out.\n")
        #expect(!FileManager.default.fileExists(atPath: credentials))
        // Signed out, a command says how to sign in.
        let notSignedIn = try ecm.run(["patients", "list"])
        #expect(notSignedIn.status == 4)
        #expect(notSignedIn.stderr.hasPrefix("ecm: not signed in: run `ecm login`, or set ECM_TOKEN"))
        // The session is over on the server too, not only forgotten here.
        var withOldToken = ecm
        withOldToken.environment["ECM_TOKEN"] = token
        let refused = try withOldToken.run(["patients", "list"])
        #expect(refused.status == 4 && refused.stderr == "ecm: Unauthorized\n")

        // From a script: login and password on stdin.
        let scripted = try ecm.run(["login"], stdin: "maria\ncorrect horse battery staple\n")
        #expect(scripted.status == 0, "\(scripted.stderr)")
        #expect(FileManager.default.fileExists(atPath: credentials))
    }
}
