import ArgumentParser
import Hummingbird
@main struct ECMServerCommand: ParsableCommand { func run() {} }
