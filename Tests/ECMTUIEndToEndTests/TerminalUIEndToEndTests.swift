import ECMTestSupport
import Foundation
import Testing

/// The built `ecm` binary's terminal UI in a real terminal (tmux), driven by keys as a care
/// coordinator would, against a store seeded through the CLI; what it wrote is checked through
/// the CLI afterwards.
@Suite(.timeLimit(.minutes(1)))
struct TerminalUIEndToEndTests {
    let directory: TemporaryDirectory
    let store: String
    let ecm: Command

    init() throws {
        directory = try TemporaryDirectory()
        store = directory.file("ecm.sqlite")
        ecm = Command(product: "ecm", environment: ["HOME": directory.path, "XDG_STATE_HOME": directory.file("state")])
    }

    // MARK: Set-up

    /// Users 1 (acting) and 2; patients 1 José Núñez, 2 王秀英, 3 Nguyễn Thị Hoa. José has task 1
    /// (assigned to user 2, the newest), note 2 and task 3 (the oldest); 王秀英 has task 4.
    private func seed() throws {
        func cli(_ arguments: [String], _ expected: String? = nil) throws {
            let result = try ecm.run(["--store", store] + arguments)
            try #require(result.status == 0, "ecm \(arguments): \(result.stderr)")
            if let expected { try #require(result.stdout == expected + "\n", "ecm \(arguments): \(result.stdout)") }
        }
        try cli(["init"])
        try cli(["users", "add", "--name", "Maria Hernández"], "1")
        try cli(["users", "add", "--name", "Bob Manager"], "2")
        try cli(["patients", "add", "--name", "José Núñez", "--dob", "1950-03-14"], "1")
        try cli(["patients", "add", "--name", "王秀英", "--dob", "1948-07-02"], "2")
        try cli(["patients", "add", "--name", "Nguyễn Thị Hoa"], "3")
        let create = ["activities", "create", "--as", "1", "--json"]
        try cli(create + ["--patient", "1", "--type", "task", "--message", "Call pharmacy about refill", "--assigned-to", "2",
                          "--occurred-at", "2024-11-20T10:00:00Z"])
        try cli(create + ["--patient", "1", "--type", "note", "--body", "Patient doing well", "--assigned-to", "1",
                          "--occurred-at", "2024-11-18T09:00:00Z"])
        try cli(create + ["--patient", "1", "--type", "task", "--message", "Duplicate intake task", "--assigned-to", "1",
                          "--occurred-at", "2024-01-05T08:00:00Z"])
        try cli(create + ["--patient", "2", "--type", "task", "--message", "预约复诊", "--assigned-to", "1"])
    }

    /// The UI in a tmux session of the given size; the shell prints `EXIT=<status>` when it ends.
    private func startUI(width: Int, height: Int) throws -> Tmux {
        let environment = [
            "TERM=xterm-256color", "HOME=" + directory.path, "XDG_STATE_HOME=" + directory.file("state"), "LANG=C.UTF-8",
        ]
        let unset = ["NO_COLOR", "ECM_STORE", "ECM_USER", "ECM_SERVER", "ECM_TOKEN", "LC_ALL"].map { "-u " + $0 }
        let command = "cd \(directory.path.shellQuoted) && env \(unset.joined(separator: " ")) "
            + environment.map(\.shellQuoted).joined(separator: " ") + " "
            + [Command.productsFolder + "/ecm", "--store", store, "--as", "1"].map(\.shellQuoted).joined(separator: " ")
            + "; echo EXIT=$?; sleep 600"
        return try Tmux(width: width, height: height, command: command)
    }

    /// `/nunez`, Enter, Enter: José Núñez's timeline, focused, with its first rows read.
    private func openJosesTimeline(_ tmux: Tmux) async throws {
        try await tmux.waitFor("Patients 1/3")
        try tmux.press("/")
        try await tmux.waitFor("Search patients:")
        try tmux.type("nunez")
        try await tmux.waitFor("Patients 1/1 /nunez", "José Núñez")
        try tmux.press("Enter")
        try await tmux.waitUntil("search closed") { !$0.contains("Search patients:") }
        try tmux.press("Enter")
        try await tmux.waitFor("Timeline · José Núñez 1/3", "Call pharmacy about refill", "Duplicate intake task")
    }

    /// `q`, then the shell's `EXIT=`: the status is 0 and the UI's frame is gone from the screen.
    private func quit(_ tmux: Tmux) async throws {
        try tmux.press("q")
        let screen = try await tmux.waitFor("EXIT=")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        for border in ["┌", "┐", "└", "┘", "│", "─"] {
            #expect(!screen.contains(border), "the terminal still shows the UI after quitting:\n\(screen)")
        }
    }

    private func show(_ id: Int, patient: Int = 1) throws -> [String: Any] {
        let result = try ecm.run(["--store", store, "activities", "show", "--patient", String(patient), String(id), "--json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try result.jsonObject()["activity"] as? [String: Any])
    }

    // MARK: Tests

    @Test(arguments: [(80, 24), (200, 50)])
    func aTriageSessionByKeyboardIsWrittenToTheStore(width: Int, height: Int) async throws {
        defer { directory.remove() }
        try seed()
        let tmux = try startUI(width: width, height: height)
        defer { tmux.kill() }

        try await openJosesTimeline(tmux)
        // Open the task.
        try tmux.press("Enter")
        try await tmux.waitFor("Call pharmacy about refill", "No comments yet — c adds one.", "No subtasks — s adds one.")

        // Comment on it.
        try tmux.press("c")
        try await tmux.waitFor("New comment on activity 1")
        try tmux.type("Left voicemail for José — 明天 again")
        try await tmux.waitFor("Left voicemail for José — 明天 again")
        try tmux.press("C-s")
        try await tmux.waitFor("Comment added", "Comments 1", "Maria Hernández ·")

        // A subtask, then complete it from the Subtasks pane.
        try tmux.press("s")
        try await tmux.waitFor("New subtask of activity 1", "→ Maria Hernández (id 1)")
        try tmux.type("Fax the refill request")
        try tmux.press("C-s")
        try await tmux.waitFor("Created task 5", "Subtasks 0/1", "[ ] Fax the refill request")
        try tmux.press("5")
        try tmux.press("x")
        try await tmux.waitFor("Completed · task 5", "Subtasks 1/1", "[x] Fax the refill request")

        // Back to the timeline, and a note.
        try tmux.press("Escape")
        try await tmux.waitUntil("Esc back to the timeline") { !$0.contains("Completed · task 5") && $0.contains("Timeline · José Núñez") }
        try tmux.press("n")
        try await tmux.waitFor("New activity", "Note (note)")
        try tmux.press("n")
        try await tmux.waitFor("New note", "Body *")
        try tmux.type("Discussed diet with daughter")
        try tmux.press("C-s")
        try await tmux.waitFor("Created note 6")

        // Delete the oldest activity (task 3), after a yes.
        try await tmux.waitFor("Timeline · José Núñez 1/5")
        try tmux.press("G")
        try await tmux.waitFor("Timeline · José Núñez 5/5")
        try tmux.press("D")
        try await tmux.waitFor("Delete Task 3? y/N")
        try tmux.press("y")
        try await tmux.waitFor("Deleted activity 3", "Timeline · José Núñez 4/4")
        try await tmux.waitUntil("task 3 gone from the timeline") { !$0.contains("Duplicate intake task") }

        try await quit(tmux)

        // What the store holds now, through the CLI.
        let task = try show(1)
        let comments = try #require(task["comments"] as? [[String: Any]])
        #expect(comments.count == 1)
        #expect(comments.first?["body"] as? String == "Left voicemail for José — 明天 again")
        #expect(comments.first?["user_id"] as? Int == 1)
        #expect(comments.first?["user_name"] as? String == "Maria Hernández")
        let subtask = try show(5)
        #expect(subtask["parent_id"] as? Int == 1)
        #expect(subtask["activity_type"] as? String == "task")
        #expect(subtask["message"] as? String == "Fax the refill request")
        #expect(subtask["status"] as? String == "complete")
        #expect(subtask["assigned_to_id"] as? Int == 1)
        #expect(subtask["performed_by_id"] as? Int == 1)
        let note = try show(6)
        #expect(note["activity_type"] as? String == "note")
        #expect(note["body"] as? String == "Discussed diet with daughter")
        #expect(note["assigned_to_id"] as? Int == 1)
        #expect(note["parent_id"] is NSNull)
        let deleted = try ecm.run(["--store", store, "activities", "show", "--patient", "1", "3", "--json"])
        #expect(deleted.status == 3)
        // The UI logged to $XDG_STATE_HOME, not to the screen.
        #expect(FileManager.default.fileExists(atPath: directory.file("state/ecm/ecm.log")))
    }

    @Test func belowTheMinimumSizeItSaysSoAndStillQuits() async throws {
        defer { directory.remove() }
        try seed()
        let tmux = try startUI(width: 70, height: 20)
        defer { tmux.kill() }
        try await tmux.waitFor("Terminal too small", "(need 80×24, have 70×20)", "press q to quit")
        try await quit(tmux)
    }

    @Test func resizingKeepsThePatientAndTheCursor() async throws {
        defer { directory.remove() }
        try seed()
        let tmux = try startUI(width: 80, height: 24)
        defer { tmux.kill() }
        try await openJosesTimeline(tmux)
        try tmux.press("j")
        try await tmux.waitFor("Timeline · José Núñez 2/3")

        try tmux.resize(width: 200, height: 50)
        // All panes now: the search, the patient, the cursor and its detail are as they were.
        try await tmux.waitFor("Patients 1/1 /nunez", "Timeline · José Núñez 2/3", "Patient doing well", "Comments 0")
        try tmux.press("j")
        try await tmux.waitFor("Timeline · José Núñez 3/3", "Duplicate intake task")

        try tmux.resize(width: 80, height: 24)
        try await tmux.waitUntil("back to 80 columns") { screen in
            screen.contains("Timeline · José Núñez 3/3") && !screen.contains("Patients 1/1")
        }
        try await quit(tmux)
    }

    @Test func withoutATerminalItExitsWithUsage() throws {
        defer { directory.remove() }
        try seed()
        let result = try ecm.run(["--store", store])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(result.stdout.isEmpty)
    }
}
