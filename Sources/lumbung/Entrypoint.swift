import Foundation
import LumbungCLI

/// The `lumbung` executable: everything lives in `LumbungCLI`.
@main
enum Entrypoint {
    static func main() async {
        exit(await LumbungMain.run(Array(CommandLine.arguments.dropFirst())))
    }
}
