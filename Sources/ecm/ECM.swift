import ArgumentParser
@main struct ECM: ParsableCommand { func run() {} }
