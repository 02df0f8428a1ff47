import Foundation
import LumbungStore

/// One child process started at a time across the tests and the code they run (`ChildProcess`): two launches at the same
/// moment crashed the whole test process once the CLI tests ran their commands on threads of their own.
public enum ProcessLaunch {
    public static func run(_ process: Process) throws {
        try ChildProcess.launch(process)
    }
}
