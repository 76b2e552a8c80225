import Foundation

// `make bench`: builds in release mode, then runs this. See Benchmarks/README.md.
do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    try await Bench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("otklik-bench: \(error)\n".utf8))
    exit(1)
}

/// Prints a line at once, even into a pipe (print buffers until exit there).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
