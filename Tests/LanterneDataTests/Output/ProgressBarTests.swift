import Foundation
import LanterneData
import Testing

@Suite("Progress bars: one line redrawn in place, the first and last frames always drawn")
struct ProgressBarTests {
    @Test("A frame shows the label, the bar, the percentage and the time left, in French or English")
    func frames() {
        #expect(
            ProgressBar.frame(label: "Explication", done: 48, total: 100, remaining: 12, language: .fr)
                == "Explication  [#########···········]   48 %  · reste 12 s")
        #expect(
            ProgressBar.frame(label: "Explaining", done: 0, total: 7, remaining: nil, language: .en)
                == "Explaining  [····················]    0 %  · … left")
        #expect(
            ProgressBar.frame(label: "Score", done: 7, total: 7, remaining: 0, language: .fr)
                == "Score  [####################]  100 %  · reste 0 s")
        #expect(ProgressBar.duration(0.2, language: .fr) == "1 s")
        #expect(ProgressBar.duration(125, language: .en) == "2 min 05 s")
        #expect(ProgressBar.duration(3_720, language: .fr) == "1 h 02 min")
    }

    @Test("Units counted from many threads: the first frame at once, at most ten a second, 100 % and a new line last")
    func threads() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let bar = ProgressBar(label: "Travail", language: .fr, descriptor: descriptors[1], drawing: true)
        bar.start(total: 10_000)
        let started = ContinuousClock.now
        ForkJoin.run(chunks: 100, threads: 4) { _ in
            for _ in 0..<100 { bar.advance() }
        }
        let elapsed = ContinuousClock.now - started
        bar.finish()
        bar.advance()
        bar.finish()
        close(descriptors[1])
        let text = String(decoding: FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile(), as: UTF8.self)
        let frames = text.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(frames.first?.hasPrefix("Travail  [····················]    0 %  · reste …") == true)
        #expect(frames.last == "Travail  [####################]  100 %  · reste 0 s\u{1B}[K\n")
        // The first and last frames, one per tenth of a second at most in between (and one after another test's bar
        // ends).
        let tenths = Int(elapsed / .milliseconds(100)) + 1
        #expect(frames.count <= tenths + 3)
    }

    @Test("A bar that does not draw writes nothing, and one whose total is never set stays silent")
    func silent() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let hidden = ProgressBar(label: "Caché", language: .fr, descriptor: descriptors[1], drawing: false)
        hidden.start(total: 3)
        hidden.advance(by: 3)
        hidden.finish()
        let idle = ProgressBar(label: "Rien", language: .fr, descriptor: descriptors[1], drawing: true)
        idle.advance()
        idle.finish()
        close(descriptors[1])
        #expect(FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile().isEmpty)
    }
}
