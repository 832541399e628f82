#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long a connection may take over each part of an exchange, and how many may be open.
/// A client that stalls is closed when its time is up; past the cap the oldest idle connection
/// makes room for a new one, so stalled clients never lock others out.
public struct ConnectionLimits: Sendable, Equatable {
    /// From the connection's first byte (or its opening) until the request head is complete.
    public var headerTimeout: Duration
    /// From the request head until the body's last byte.
    public var bodyTimeout: Duration
    /// Between a response and the next request on a kept-alive connection.
    public var idleTimeout: Duration
    /// Connections open at once.
    public var maxConnections: Int

    public static let defaultHeaderTimeout = Duration.seconds(10)
    public static let defaultBodyTimeout = Duration.seconds(30)
    public static let defaultIdleTimeout = Duration.seconds(60)
    /// File descriptors kept free of connections: the store's files, logs, the event loops.
    public static let reservedFileDescriptors = 64

    public init(
        headerTimeout: Duration = defaultHeaderTimeout, bodyTimeout: Duration = defaultBodyTimeout,
        idleTimeout: Duration = defaultIdleTimeout, maxConnections: Int = defaultMaxConnections
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// The process's open-file limit less `reservedFileDescriptors` (960 at the usual 1,024),
    /// so accepting a connection never fails for want of a descriptor.
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(openFiles, &limit) == 0, limit.rlim_cur != rlim_t.max else { return 10_000 }
        return max(1, Int(clamping: limit.rlim_cur) - reservedFileDescriptors)
    }

    /// Raises the process's soft open-file limit, up to its hard limit, so that
    /// `maxConnections` fit with `reservedFileDescriptors` to spare. Throws when even the hard
    /// limit is too low: accepting would then run out of descriptors.
    public func raiseFileLimitToFit() throws(FileLimitTooLow) {
        var limit = rlimit()
        guard getrlimit(Self.openFiles, &limit) == 0 else { return }
        let needed = rlim_t(maxConnections + Self.reservedFileDescriptors)
        guard limit.rlim_cur != rlim_t.max, limit.rlim_cur < needed else { return }
        guard limit.rlim_max == rlim_t.max || limit.rlim_max >= needed else {
            throw FileLimitTooLow(maxConnections: Int(clamping: limit.rlim_max) - Self.reservedFileDescriptors)
        }
        limit.rlim_cur = needed
        if setrlimit(Self.openFiles, &limit) != 0 {
            throw FileLimitTooLow(maxConnections: Self.defaultMaxConnections)
        }
    }

    /// The open-file limit cannot hold the connections asked for.
    public struct FileLimitTooLow: Error, CustomStringConvertible {
        /// The most connections the limit allows.
        public let maxConnections: Int
        public var description: String {
            "--max-connections can be at most \(max(maxConnections, 0)) under this open-file limit (ulimit -n) less \(ConnectionLimits.reservedFileDescriptors)"
        }
    }

    /// The open-files resource, as getrlimit and setrlimit take it.
    #if canImport(Glibc)
    private static let openFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let openFiles = RLIMIT_NOFILE
    #endif
}
