import ArgumentParser
import ECMCommandOptions
import ECMDomain
import ECMStore
import Foundation

/// `ecm demo-data`: fills the store with realistic, deterministic demo data.
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Fill the store with realistic demo data (creates the store if needed).",
        discussion: "The same --seed gives the same patients and activities. Adds a care team when the store has no users.")

    @OptionGroup var backend: BackendOptions
    @Option(help: "How many patients to add.") var patients = 200
    @Option(help: "How many activities each patient gets.") var activitiesPerPatient = 40
    @Option(help: "Seed for the generator.") var seed: UInt64 = 1
    // The benchmark workload's extra shapes (scripts/benchmark.sh): one patient with this many
    // activities, one coordinator with this many open tasks.
    @Option(help: .hidden) var bigPatient = 0
    @Option(help: .hidden) var busyUser = 0

    func validate() throws {
        guard patients >= 0, activitiesPerPatient >= 0, bigPatient >= 0, busyUser >= 0 else {
            throw ValidationError("--patients and --activities-per-patient must not be negative")
        }
    }

    func run() async throws {
        let generator = DemoDataGenerator(
            patients: patients, activitiesPerPatient: activitiesPerPatient, seed: seed,
            longHistoryActivities: bigPatient, busyCoordinatorTasks: busyUser)
        let bar = ProgressBar()
        let started = Date()
        let database = try await reportingErrors(json: false) { () throws(BackendError) in
            let database = try backend.openStore(create: true)
            try generator.generate(into: database) { done, total in bar.show(done, total, unit: "patients") }
            return database
        }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        // The hidden shapes add a patient of their own and tasks of their own.
        let patientsAdded = patients + (bigPatient > 0 ? 1 : 0)
        let activitiesAdded = patients * activitiesPerPatient + bigPatient + (patients > 0 ? busyUser : 0)
        Output.standardError(
            "Added \(patientsAdded) patients and \(activitiesAdded) activities to \(database.path) in \(String(format: "%.1f", seconds)) s")
    }
}
