import Foundation

// `make bench`: builds in release mode, then runs this. See Benchmarks/README.md.
do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    try await Bench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("otklik-bench: \(error)\n".utf8))
    exit(1)
}
