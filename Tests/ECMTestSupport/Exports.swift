// The tests use `ChildProcess` wherever they start a program.
@_exported import ECMProcess
