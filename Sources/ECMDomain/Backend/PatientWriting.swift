/// Adding and changing patients with their records as an administrator does, without an
/// acting user (`ecm-server patients add|update|import`).
public protocol PatientWriting: Sendable {
    /// Makes every write in one transaction, or none: each is checked first (`PatientBatch`, then
    /// the lead care manager and a CIN another member of the clinic has) and all the messages
    /// thrown at once as `.validation`; a clinic that does not exist or a patient to update that
    /// does not exist refuses the whole batch. Each patient written gets an audit row saying
    /// `source`. `progress` is told after each write is checked and after each is written.
    func writePatients(
        _ writes: [PatientWrite], source: String, progress: @escaping @Sendable (PatientWriteStage, Int, Int) -> Void
    ) async throws(BackendError) -> [Patient]
}
