import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Pipe {
    /// Reads a child's output until a line starting with `prefix` arrives (returned without the
    /// prefix), the child exits, or `seconds` pass; also returns everything read.
    public func waitForLine(startingWith prefix: String, while process: ChildProcess, seconds: Double = 20) -> (line: String?, output: String) {
        var buffer = ""
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            let data = fileHandleForReading.availableData
            if data.isEmpty {
                usleep(10_000)
                continue
            }
            buffer += String(decoding: data, as: UTF8.self)
            // Only whole lines: a line may arrive in pieces.
            let complete = buffer.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = complete.first(where: { $0.hasPrefix(prefix) }) {
                return (String(line.dropFirst(prefix.count)), buffer)
            }
        }
        return (nil, buffer)
    }
}
