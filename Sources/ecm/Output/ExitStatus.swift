import ArgumentParser
import ECMDomain

/// The documented exit codes of `ecm`.
enum ExitStatus: Int32 {
    case ok = 0
    case validation = 1
    case usage = 2
    case notFound = 3
    case unauthorized = 4
    case unavailable = 5
    case conflict = 6

    init(_ error: BackendError) {
        switch error {
        case .validation, .badRequest: self = .validation
        case .patientNotFound, .activityNotFound, .userNotFound, .viewNotFound, .reportNotFound: self = .notFound
        case .unauthorized, .unknownUser, .sessionExpired, .invalidLogin, .tooManyAttempts, .forbidden: self = .unauthorized
        case .unavailable: self = .unavailable
        case .conflict: self = .conflict
        case .replayed: self = .ok  // only the server sees keys: a write that was made
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
