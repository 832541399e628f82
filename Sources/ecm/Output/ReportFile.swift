import ECMDomain
import Foundation

/// A report written where the user asked, readable by them alone (mode 0600: it holds members'
/// records), appearing whole or not at all: lines go to a hidden file beside it, renamed over the
/// name only when every line is written.
final class ReportFile {
    let path: String
    private let partial: String
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws(BackendError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unavailable("Cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ text: String) throws { try write(Data(text.utf8)) }

    func write(_ bytes: Data) throws {
        buffer.append(bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the file through `lines` and puts it under its name, or removes it if `lines` fails.
    func fill(_ lines: () async throws(BackendError) -> Void) async throws(BackendError) {
        do {
            try await lines()
        } catch {
            discard()
            throw error
        }
        try commit()
    }

    /// Puts the finished file under its name (replacing an older one).
    func commit() throws(BackendError) {
        do {
            try flush()
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw .unavailable("Cannot write \(path): \(error.localizedDescription)")
        }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .unavailable("Cannot write \(path): \(reason)")
        }
    }

    /// Removes what was written.
    func discard() {
        try? handle.close()
        unlink(partial)
    }
}
