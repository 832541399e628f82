import ECMDomain
import Testing

@testable import ECMTUI

/// Every overlay owns its keys through one binding table: what its hint line and its help (F1)
/// say is what its keys do, and looking at the help changes nothing.
struct OverlayKeysTests {
    /// How each overlay is opened from the timeline of the main fixture, and whether it takes
    /// typed text (where `?` is typed, not help).
    static let openings: [(name: String, keys: [Key], typesText: Bool)] = [
        ("type picker", [.character("n")], false),
        ("form", [.character("n"), .character("t")], true),
        ("user picker", [.character("a")], true),
        ("filter", [.character("f")], false),
        ("view picker", [.character("v")], false),
        ("command line", [.character(":")], true),
        ("comment editor", [.character("c")], true),
        ("question", [.character("D")], false),
        ("search", [.character("1"), .character("/")], true),
    ]

    static func opened(_ keys: [Key]) -> Harness {
        var harness = Harness(size: Size(width: 120, height: 40))
        harness.answerFetches(patients: 12, activities: 12)
        harness.press(.enter)
        harness.answerFetches(patients: 12, activities: 12)
        for key in keys {
            harness.press(key)
            harness.answerFetches(patients: 12, activities: 12)
        }
        return harness
    }

    @Test(arguments: openings.map(\.name))
    func f1ShowsTheOverlaysKeysAndAnyKeyReturnsToItUnchanged(name: String) throws {
        let opening = try #require(Self.openings.first { $0.name == name })
        var harness = Self.opened(opening.keys)
        let before = harness.state
        let overlay = try #require(before.overlay, "\(name) did not open")
        #expect(harness.press(.function(1)).isEmpty)
        #expect(harness.state.overlay == .overlayHelp(overlay))
        let screen = harness.screen
        for entry in overlay.keys.entries {
            #expect(screen.contains(entry.keys), "\(name): help lacks \(entry.keys)")
        }
        harness.press(.character("z"))
        #expect(harness.state == before, "\(name): the help changed the state")
    }

    @Test(arguments: openings.map(\.name))
    func aQuestionMarkIsTypedWhereTextIsTypedAndShowsHelpElsewhere(name: String) throws {
        let opening = try #require(Self.openings.first { $0.name == name })
        var harness = Self.opened(opening.keys)
        let overlay = try #require(harness.state.overlay)
        harness.press(.character("?"))
        if opening.typesText {
            #expect(harness.state.overlay != .overlayHelp(overlay), "\(name): ? should be typed")
            #expect(harness.screen.contains("?"))
        } else {
            #expect(harness.state.overlay == .overlayHelp(overlay), "\(name): ? should show its keys")
        }
    }

    static func duplicatedKeys<C>(_ bindings: [OverlayBinding<C>]) -> [Key] {
        let keys = bindings.flatMap(\.keys)
        return keys.filter { key in keys.filter { $0 == key }.count > 1 }
    }

    /// A key listed twice would only ever do its first binding's command: the second would be
    /// a hint that lies.
    @Test func noOverlayBindsAKeyTwice() {
        #expect(Self.duplicatedKeys(TypePicker.bindings).isEmpty)
        #expect(Self.duplicatedKeys(ActivityForm.bindings).isEmpty)
        #expect(Self.duplicatedKeys(Confirmation.bindings).isEmpty)
        #expect(Self.duplicatedKeys(UserPicker.bindings).isEmpty)
        #expect(Self.duplicatedKeys(FilterForm.bindings).isEmpty)
        #expect(Self.duplicatedKeys(CommentEditor.bindings).isEmpty)
        #expect(Self.duplicatedKeys(BatchReport.bindings).isEmpty)
        #expect(Self.duplicatedKeys(ViewPicker.bindings).isEmpty)
        #expect(Self.duplicatedKeys(CommandLine.bindings).isEmpty)
        #expect(Self.duplicatedKeys(PatientSearch.bindings).isEmpty)
    }

    /// Each overlay's table reaches every one of its commands from some key.
    @Test func everyHintedBindingGivesItsCommand() {
        func check<O: KeyedOverlay>(_: O.Type) {
            for binding in O.bindings {
                for key in binding.keys { #expect(O.command(for: key) == binding.command, "\(O.self) \(key.label)") }
            }
        }
        check(TypePicker.self)
        check(ActivityForm.self)
        check(Confirmation.self)
        check(UserPicker.self)
        check(FilterForm.self)
        check(CommentEditor.self)
        check(BatchReport.self)
        check(ViewPicker.self)
        check(CommandLine.self)
        check(PatientSearch.self)
    }

    /// At any width a hint line fits, and when it had to leave keys out it says where they all are.
    @Test(arguments: openings.map(\.name))
    func hintLinesFitEveryWidthAndPointToF1WhenCut(name: String) throws {
        let opening = try #require(Self.openings.first { $0.name == name })
        let overlay = try #require(Self.opened(opening.keys).state.overlay)
        for width in 12...140 {
            let line = Self.hintLine(overlay, width: width)
            let whole = Self.hintLine(overlay, width: .max)
            #expect(DisplayWidth.of(line) <= width, "\(name) at \(width): \(line)")
            if line != whole { #expect(line.hasSuffix("F1 all keys"), "\(name) at \(width): \(line)") }
        }
    }

    static func hintLine(_ overlay: Overlay, width: Int) -> String {
        switch overlay {
        case .typePicker(let o): o.hintLine(width: width)
        case .form(let o): o.hintLine(width: width)
        case .confirm(let o): o.hintLine(width: width)
        case .userPicker(let o): o.hintLine(width: width)
        case .filter(let o): o.hintLine(width: width)
        case .commentEditor(let o): o.hintLine(width: width)
        case .batchReport(let o): o.hintLine(width: width)
        case .viewPicker(let o): o.hintLine(width: width)
        case .commandLine(let o): o.hintLine(width: width)
        case .search(let o): o.hintLine(width: width)
        case .help, .overlayHelp: ""
        }
    }

    @Test func aQuestionSaysWhatItsYesDoesAndWhereItsNoReturns() throws {
        var harness = Self.opened([.character("n"), .character("t")])
        harness.type("Call back")
        harness.press(.escape)
        guard case .confirm(let question)? = harness.state.overlay else { Issue.record("no question"); return }
        #expect(question.keys == "y: discard · n, Esc or Enter: back to the form")
        let delete = Self.opened([.character("D")])
        guard case .confirm(let deleting)? = delete.state.overlay else { Issue.record("no question"); return }
        #expect(deleting.keys == "y: delete · n, Esc or Enter: no")
    }

    /// Answers that arrive while F1's help covers an overlay reach the overlay beneath: the
    /// view picker's list and counts, and an open form's unsaved text still counts as unsaved.
    @Test func answersReachTheOverlayBeneathItsHelp() throws {
        var harness = Harness()
        harness.answerFetches()
        let asked = harness.press(.character("v"))
        harness.press(.function(1))
        harness.effects = asked
        harness.answerFetches()
        harness.press(.escape)
        guard case .viewPicker(let picker)? = harness.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.views.count == SavedView.builtIn.count + Fixtures.views.count)
        #expect(picker.counts.count == picker.views.count)

        var form = Self.opened([.character("n"), .character("t")])
        form.type("Call back")
        form.press(.function(1))
        #expect(form.state.holdsUnsavedInput, "a form under its help still holds what was typed")
    }
}

