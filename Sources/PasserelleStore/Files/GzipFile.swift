import Foundation

/// Reads gzip files with the system's `gzip` (Debian's gzip package is essential,
/// so always there), through the same waited-for child process as the cluster's
/// programs: the demo data set is kept compressed in the repository.
public enum GzipFile {
    /// Writes the decompressed content of `source` to `destination`, replacing it.
    public static func decompress(_ source: URL, to destination: URL) async throws {
        // The paths are the shell's positional parameters, never part of its script.
        try await Program(
            executable: "sh", arguments: ["-c", "gzip -d -c -- \"$1\" > \"$2\"", "sh", source.path, destination.path],
            workingDirectory: destination.deletingLastPathComponent()
        ).check()
    }
}
