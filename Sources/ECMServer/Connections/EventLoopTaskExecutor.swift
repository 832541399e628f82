import NIOCore

/// Runs a connection's tasks on the connection's own event loop thread.
///
/// Without a preference, every request hopped from the event loop to Swift's global executor
/// (where the router ran) and back (to write the answer): two thread wake-ups per request, and
/// on two cores the threads of both pools competing for them. Reads of the store are short
/// and run on the calling thread, so the event loop can run the whole request itself.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
