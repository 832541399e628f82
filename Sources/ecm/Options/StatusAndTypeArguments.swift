import ArgumentParser
import ECMDomain

// `--type` and `--status` take exactly the API's words; anything else is a usage error that lists
// them ("Please provide one of 'created', 'complete' and 'cancelled'"), and `--help` shows them.
extension ActivityType: ExpressibleByArgument {}
extension ActivityStatus: ExpressibleByArgument {}
