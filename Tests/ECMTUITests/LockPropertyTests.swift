import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Over seeded walks of keys, clock ticks, late answers, expired sessions and sign-ins: whenever
/// the UI is locked, nothing of the caseload is held or drawn, and the password typed is never
/// drawn or kept after it was sent. (`ECM_PROPERTY_SEED=<seed>` runs one walk.)
struct LockPropertyTests {
    static var seeds: [UInt64] {
        if let seed = ProcessInfo.processInfo.environment["ECM_PROPERTY_SEED"].flatMap(UInt64.init) { return [seed] }
        return Array(1...40)
    }

    static let secret = "zqxv-secret"

    @Test func aLockedUIHoldsAndShowsNothingOfTheCaseload() async {
        var locks = 0
        var resumes = 0
        for seed in Self.seeds {
            await Task.yield()
            if let failure = walk(seed: seed, locks: &locks, resumes: &resumes) { Issue.record(Comment(rawValue: failure)) }
        }
        guard ProcessInfo.processInfo.environment["ECM_PROPERTY_SEED"] == nil else { return }
        #expect(locks >= 40 && resumes >= 20, "the walks locked \(locks) times and resumed \(resumes) times")
    }

    private func walk(seed: UInt64, locks: inout Int, resumes: inout Int) -> String? {
        var random = SeededGenerator(seed: seed)
        let world = GeneratedWorld(seed: seed)
        var driver = WorldDriver(world: world, size: ViewportPropertyTests.sizes.randomElement(using: &random)!)
        driver.state.configuration.idleLockSeconds = 60
        driver.state.configuration.signInAvailable = true
        var clock = Fixtures.now.milliseconds
        var history: [String] = []
        driver.answer(all: true, using: &random)
        for _ in 0..<150 {
            let wasLocked = driver.state.lock != nil
            switch Int.random(in: 0..<10, using: &random) {
            case 0, 1:
                clock += Int64.random(in: 1...90, using: &random) * 1000
                history.append("tick +\((clock - Fixtures.now.milliseconds) / 1000)s")
                driver.send(.tick(Timestamp(milliseconds: clock)))
            case 2 where Int.random(in: 0..<5, using: &random) == 0:
                history.append("session expired")
                driver.send(.fetched(.users, .failure(.sessionExpired)))
            case 3 where wasLocked:
                // A sign-in typed and sent as a person would (the login where it goes, then the
                // password), then answered one way or the other.
                if driver.state.lock?.onPassword == true, driver.state.lock?.login.text.isBlank == true { driver.send(.key(.tab)) }
                if driver.state.lock?.onPassword == false {
                    if driver.state.lock?.login.text.isBlank == true { for character in "maria" { driver.send(.key(.character(character))) } }
                    driver.send(.key(.enter))
                }
                guard driver.state.lock?.onPassword == true else { return "seed \(seed): Enter after the login does not go to the password" }
                for character in Self.secret { driver.send(.key(.character(character))) }
                if View.render(driver.state).buffer.plainText.contains(Self.secret) { return "seed \(seed): the password is drawn" }
                driver.send(.key(.enter))
                if driver.state.lock?.signingIn == true, driver.state.lock?.password.isEmpty == false {
                    return "seed \(seed): the password is kept after it was sent"
                }
                let succeeds = Bool.random(using: &random)
                history.append(succeeds ? "signed in" : "sign-in refused")
                driver.send(.signedIn(succeeds ? .success(world.me) : .failure(.invalidLogin)))
                if succeeds, driver.state.lock == nil { resumes += 1 }
            default:
                let key = ViewportPropertyTests.pick(using: &random)
                history.append(key.label)
                driver.send(.key(key))
            }
            if !wasLocked, driver.state.lock != nil { locks += 1 }
            driver.answer(all: Int.random(in: 0..<3, using: &random) > 0, using: &random)
            if let problem = Self.problem(driver.state, world: world) {
                return "seed \(seed): \(problem)\nsteps: \(history.joined(separator: " "))\n\(View.render(driver.state).buffer.plainText)"
            }
        }
        return nil
    }

    /// What a locked state must not hold or draw.
    static func problem(_ state: AppState, world: GeneratedWorld) -> String? {
        guard state.lock != nil else { return nil }
        if state.patients.isLoaded || state.timeline.isLoaded || state.queue.isLoaded { return "a list is still held" }
        if state.detail != nil || state.patient != nil || !state.users.isEmpty || state.me != nil { return "the detail, patient or team is still held" }
        let screen = View.render(state).buffer.plainText
        let words = screen.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "#" })
        if let leaked = words.first(where: { word in
            (word.hasPrefix("P") && word.dropFirst().allSatisfy(\.isNumber) && word.count > 1)
                || (word.hasPrefix("#") && word.count > 1) || (word.hasPrefix("U") && word.dropFirst().allSatisfy(\.isNumber) && word.count > 1)
        }) {
            return "\(leaked) is on the locked screen"
        }
        return nil
    }
}
