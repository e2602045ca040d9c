import Foundation

/// A program the embedded cluster runs (initdb, pg_ctl), optionally as another
/// user, with its output kept in a file (a pipe could fill up and stall it).
///
/// Started with posix_spawn and waited for with waitpid on a ``BlockingThread``:
/// Foundation's `Process` on Linux sometimes never reports the end of a short-lived
/// child, and a blocking wait must stay off the cooperative pool.
struct Program: Sendable {
    var executable: String
    var arguments: [String]
    /// Run through `runuser -u USER --` (the caller is root).
    var user: String?
    var workingDirectory: URL
    /// Variables set for the program on top of this process's environment.
    var environment: [String: String] = [:]

    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited with status \(status): \(output)" }
    }

    /// The command line, for messages.
    var commandLine: String { ([executable] + arguments).joined(separator: " ") }

    /// Runs the program; returns its exit status and its output (stdout and stderr).
    func run() async throws -> (status: Int32, output: String) {
        try await BlockingThread.run(named: "passerelle-program") { try self.runBlocking() }
    }

    /// Runs the program and throws ``Failure`` unless it exits with 0.
    @discardableResult
    func check() async throws -> String {
        let (status, output) = try await run()
        guard status == 0 else { throw Failure(command: commandLine, status: status, output: output) }
        return output
    }

    /// Runs the program and blocks until it ends: on a ``BlockingThread``, or in
    /// `atexit` where no task runs.
    func runBlocking() throws -> (status: Int32, output: String) {
        // `env -C` sets the working directory after runuser has switched user.
        var argv = ["/usr/bin/env", "-C", workingDirectory.path, executable] + arguments
        if let user { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("passerelle-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        let outputDescriptor = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputDescriptor >= 0 else {
            throw Failure(command: commandLine, status: -1, output: "cannot open \(outputPath)")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 2)

        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        close(outputDescriptor)
        guard spawned == 0 else {
            throw Failure(command: commandLine, status: -1, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import; a signal gives 128 + its number.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
