import ECMDomain
import ECMTUI
import Logging
import Synchronization

/// Runs backend effects off the UI loop and posts their results to the inbox. The only part
/// of the UI that talks to the backend.
struct EffectRunner: Sendable {
    let backend: any ActivityBackend
    let inbox: Inbox
    let logger: Logger
    let session: (any SessionControl)?
    /// Batches asked to stop (Esc): their remaining writes are not sent.
    let stoppedBatches = StoppedBatches()

    final class StoppedBatches: Sendable {
        private let ids = Mutex<Set<Int>>([])
        func stop(_ id: Int) { ids.withLock { _ = $0.insert(id) } }
        /// Whether `id` was stopped; forgets it once the batch has ended.
        func isStopped(_ id: Int, ended: Bool = false) -> Bool {
            ids.withLock { ended ? $0.remove(id) != nil : $0.contains(id) }
        }
    }

    func signIn(login: String, password: String) {
        Task {
            let result: Result<User, BackendError>
            do throws(BackendError) {
                guard let session else { throw BackendError.unauthorized }
                result = .success(try await session.signIn(login: login, password: password))
            } catch {
                logger.notice("sign-in failed", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
            inbox.post(.signedIn(result))
        }
    }

    func endSession() {
        guard let session else { return }
        Task { await session.endSession() }
    }

    func run(_ fetch: Fetch) {
        Task {
            let result: Result<FetchResult, BackendError>
            do throws(BackendError) {
                result = .success(try await fetch.read(from: backend))
            } catch {
                logger.notice("fetch failed", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
            inbox.post(.fetched(fetch, result))
        }
    }

    func run(_ write: Write) {
        Task {
            let result: Result<WriteResult, BackendError>
            do throws(BackendError) {
                result = .success(try await execute(write))
            } catch {
                logger.notice("write failed", metadata: ["error": "\(error)"])
                result = .failure(error)
            }
            inbox.post(.wrote(write, result))
        }
    }

    /// A batch's writes one after another (each with its own `If-Match`; none retried), their
    /// outcomes posted in order about ten times a second so the UI counts them down.
    func run(_ job: BatchJob) {
        Task {
            var pending: [BatchOutcome] = []
            var lastPost = ContinuousClock.now
            for (index, write) in job.writes.enumerated() {
                if stoppedBatches.isStopped(job.id) {
                    pending += Array(repeating: .notRun, count: job.writes.count - index)
                    break
                }
                do throws(BackendError) {
                    pending.append(BatchOutcome(try await execute(write)))
                } catch {
                    logger.notice("batch write failed", metadata: ["error": "\(error)"])
                    pending.append(BatchOutcome(error))
                }
                if ContinuousClock.now - lastPost >= .milliseconds(100) {
                    inbox.post(.batchProgress(id: job.id, pending))
                    pending = []
                    lastPost = .now
                }
            }
            _ = stoppedBatches.isStopped(job.id, ended: true)
            inbox.post(.batchProgress(id: job.id, pending))
        }
    }

    func stopBatch(id: Int) {
        stoppedBatches.stop(id)
    }

    private func execute(_ write: Write) async throws(BackendError) -> WriteResult {
        switch write {
        case .create(let patientID, let input):
            return .activity(try await backend.createActivity(patientID: patientID, input: input))
        case .update(let patientID, let id, let input, let revision, _):
            return .activity(try await backend.updateActivity(patientID: patientID, id: id, input: input, ifRevision: revision))
        case .delete(let patientID, let id, let revision):
            try await backend.deleteActivity(patientID: patientID, id: id, ifRevision: revision)
            return .deleted
        case .comment(let patientID, let activityID, let body):
            return .comment(try await backend.addComment(patientID: patientID, activityID: activityID, body: body))
        case .retryEmail(let activityID):
            return .emailRetried(try await backend.retryEmail(activityID: activityID))
        case .saveView(let change):
            return .view(try await backend.createView(change))
        case .lookAtQueue:
            return .queueSeen(try await backend.markQueueSeen())
        }
    }
}
