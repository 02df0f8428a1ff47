import ArgumentParser
import Foundation
import LumbungDomain
import LumbungStore

/// Runs a `lumbung` command line and returns the process exit code:
/// 0 success, 1 failure, 2 usage error. Failures print one clear line on standard error, never a stack trace.
public enum LumbungMain {
    public static func run(_ arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try LumbungCommand.parseAsRoot(arguments)
        } catch {
            return report(argumentError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            return 0
        } catch let error as DatabaseLocationError {
            printError(error.description)
            return 2
        } catch let error as CLIFailure {
            printError(error.description)
            return error.isUsage ? 2 : 1
        } catch let error as StoreError {
            printError(error.description)
            return 1
        } catch let error as BackupError {
            printError(error.description)
            return 1
        } catch let error as AccessError {
            printError(error.description)
            return 1
        } catch let error as ProgrammeProblem {
            printError(error.description)
            return 1
        } catch let error as MonitoringProblem {
            printError(error.description)
            return 1
        } catch let error as ExternalIndicatorProblem {
            printError(error.description)
            return 1
        } catch let error as EnrolmentListError {
            printError(error.description)
            return 1
        } catch {
            // Help, version and argument errors raised while running, and any other error, the parser's way.
            return report(argumentError: error)
        }
    }

    private static func report(argumentError error: any Error) -> Int32 {
        let code = LumbungCommand.exitCode(for: error)
        let message = LumbungCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if !message.isEmpty { printError(message) }
        return code == .validationFailure ? 2 : code.rawValue == 0 ? 0 : 1
    }

    /// Writes `message` to standard error, its control characters escaped (a file's header may carry terminal escapes).
    static func printError(_ given: String) {
        let message = ShownText.escapingControls(given)
        let line = message.hasPrefix("Error:") || message.hasPrefix("Usage:") || message.contains("\n") ? message : "error: \(message)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
