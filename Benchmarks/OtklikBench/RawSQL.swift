import GRDB
import Store

/// The bench seeds and inspects its stores with SQL of its own (a million rows in one transaction,
/// counts the service has no read for), through a second connection to the store's file: the store's
/// API keeps GRDB inside it, and the bench is the one place that goes around it.
func rawSQL(_ database: AppDatabase) throws -> DatabaseQueue {
    guard let path = database.path else { throw BenchError("the bench's stores are files") }
    var config = Configuration()
    config.busyMode = .timeout(30)
    config.foreignKeysEnabled = true
    return try DatabaseQueue(path: path, configuration: config)
}
