/// Whether a person has a disability and of which kind, as a file says it: the answer of a disability
/// column, where "no disability" is an answer of its own (distinct from a blank or unknown cell) and
/// "a disability of another or unnamed kind" is one too.
///
/// Read by ``match(_:system:)`` (`shared/docs/domain.md` §1.4, §1.8, §1.11, §4.3):
/// - the ragam of UU 8/2016 and their old names: `Fisik`, `Tuna Daksa`, `Cacat Fisik`, `Cacat Tubuh`,
///   `Disabilitas Fisik`; `Intelektual`, `Tuna Grahita`, `Retardasi Mental`; `Mental`, `Cacat Mental`,
///   `Mental/Jiwa`, `Gangguan Jiwa`, `Psikososial`, `Autis`; `Sensorik`, `Tuna Netra`, `Netra/Buta`,
///   `Tunarungu`, `Tuna Wicara`, `Rungu/Wicara`; `Ganda`, `Multi`, `Fisik dan Mental`;
/// - `Lainnya`, `Cacat Lainnya`, `Ya`, `Penyandang Disabilitas` → a disability of no named kind
///   (``DisabilityType/unspecified``: counted among people with a disability, in no ragam of its own);
/// - `Tidak Cacat`, `Tidak Ada`, `Tidak`, `Bukan Penyandang Disabilitas`, `Non Disabilitas`, `-`, `0` → none;
/// - codes: the legacy *cacat* list (Dukcapil, the village system's `cacat_id`; §1.8) 1 fisik, 2 netra/buta,
///   3 rungu/wicara, 4 mental/jiwa, 5 fisik dan mental, 6 lainnya, 7 tidak cacat; Lumbung's own
///   ``DisabilityType`` codes 1–5; the PBDT 2015 `Jenis_cacat` list of BDT sheets (see ``fromBDT(_:)``);
///   `0` is none in every system. Regsosek has no single disability code (it asks question 428 a–i: see
///   ``WashingtonGroup``).
///
/// Choices: two sensory impairments (`Rungu/Wicara`, `Tuna Rungu Wicara`) are one ragam, *sensorik*, not
/// *ganda*; *ganda* is two or more ragam (UU 8/2016). Autism and hyperactivity are *mental* (§4.3).
public enum Disability: Sendable, Hashable {
    /// The file says the person has no disability.
    case notDisabled
    /// A disability and its ragam; ``DisabilityType/unspecified`` when the file says only "other" or "yes".
    case disabled(DisabilityType)

    /// Whether the person has a disability.
    public var hasDisability: Bool { self != .notDisabled }

    /// The ragam, when one is named.
    public var type: DisabilityType? {
        if case .disabled(let type) = self { return type }
        return nil
    }

    /// Reads a disability cell with the codes of `system`.
    public static func match(_ text: String, system: CodeSystem) -> CodeMatch<Disability> {
        CodeText.match(text, labels: labels, system: system) { code in
            if code == 0 { return Disability.notDisabled }
            switch system {
            case .lumbung: return DisabilityType(rawValue: code).map(Disability.disabled)
            case .dukcapil, .openSID: return fromLegacyCacat(code)
            case .bdt: return fromBDT(code)
            case .regsosek, .p3ke: return nil
            }
        }
    }

    /// The legacy *cacat* list (§1.8): 1 cacat fisik, 2 netra/buta, 3 rungu/wicara, 4 mental/jiwa,
    /// 5 fisik dan mental, 6 lainnya, 7 tidak cacat. 7 is an answer — no disability — not an unknown.
    public static func fromLegacyCacat(_ code: Int) -> Disability? {
        switch code {
        case 1: .disabled(.physical)
        case 2, 3: .disabled(.sensory)
        case 4: .disabled(.mental)
        case 5: .disabled(.multiple)
        case 6: .disabled(.unspecified)
        case 7: Disability.notDisabled
        default: nil
        }
    }

    /// `Jenis_cacat` of BDT 2015 sheets, as on the PBDT 2015 household-member form (the form, not §1.4,
    /// which names the column only; check against a real sheet): 00 tidak cacat, 01 tuna daksa/cacat tubuh,
    /// 02 tuna netra/buta, 03 tuna rungu, 04 tuna wicara, 05 tuna rungu & wicara, 06 tuna netra & cacat
    /// tubuh, 07 tuna netra, rungu & wicara, 08 tuna rungu, wicara & cacat tubuh, 09 tuna rungu, wicara,
    /// netra & cacat tubuh, 10 cacat mental retardasi, 11 mantan penderita gangguan jiwa, 12 cacat fisik
    /// & mental. Sensory impairments together stay *sensorik*; with a physical one they are *ganda*.
    public static func fromBDT(_ code: Int) -> Disability? {
        switch code {
        case 0: Disability.notDisabled
        case 1: .disabled(.physical)
        case 2, 3, 4, 5, 7: .disabled(.sensory)
        case 6, 8, 9, 12: .disabled(.multiple)
        case 10: .disabled(.intellectual)
        case 11: .disabled(.mental)
        default: nil
        }
    }

    static let labels: LabelIndex<Disability> = {
        var pairs: [(String, Disability)] = DisabilityType.allCases.map { ($0.label, .disabled($0)) }
        pairs += [
            ("Tidak Cacat", .notDisabled), ("Tidak Ada", .notDisabled), ("Tidak", .notDisabled), ("Bukan Penyandang Disabilitas", .notDisabled),
            ("Non Disabilitas", .notDisabled), ("Bukan Disabilitas", .notDisabled), ("Tidak Disabilitas", .notDisabled), ("Normal", .notDisabled),
            ("Tidak Ada Disabilitas", .notDisabled), ("Tidak Memiliki Disabilitas", .notDisabled), ("Sehat", .notDisabled), ("-", .notDisabled),
            ("--", .notDisabled), ("0", .notDisabled), ("T", .notDisabled), ("N", .notDisabled), ("No", .notDisabled),
            ("Lainnya", .disabled(.unspecified)), ("Cacat Lainnya", .disabled(.unspecified)), ("Disabilitas Lainnya", .disabled(.unspecified)),
            ("Ya", .disabled(.unspecified)), ("Y", .disabled(.unspecified)), ("Ada", .disabled(.unspecified)), ("Penyandang Disabilitas", .disabled(.unspecified)),
            ("Disabilitas", .disabled(.unspecified)), ("Cacat", .disabled(.unspecified)), ("Difabel", .disabled(.unspecified)), ("Lain-lain", .disabled(.unspecified)),
            // fisik
            ("Disabilitas Fisik", .disabled(.physical)), ("Cacat Fisik", .disabled(.physical)), ("Cacat Tubuh", .disabled(.physical)),
            ("Tuna Daksa", .disabled(.physical)), ("Tunadaksa", .disabled(.physical)), ("Tuna Daksa/Cacat Tubuh", .disabled(.physical)),
            ("Lumpuh", .disabled(.physical)), ("Disabilitas Daksa", .disabled(.physical)), ("Ragam Fisik", .disabled(.physical)),
            ("Kelainan Fisik", .disabled(.physical)), ("Cerebral Palsy", .disabled(.physical)), ("Amputasi", .disabled(.physical)),
            // intelektual
            ("Disabilitas Intelektual", .disabled(.intellectual)), ("Tuna Grahita", .disabled(.intellectual)),
            ("Tunagrahita", .disabled(.intellectual)), ("Retardasi Mental", .disabled(.intellectual)),
            ("Cacat Mental Retardasi", .disabled(.intellectual)), ("Down Syndrome", .disabled(.intellectual)),
            ("Sindrom Down", .disabled(.intellectual)), ("Lambat Belajar", .disabled(.intellectual)),
            ("Slow Learner", .disabled(.intellectual)), ("Grahita", .disabled(.intellectual)), ("Ragam Intelektual", .disabled(.intellectual)),
            // mental
            ("Disabilitas Mental", .disabled(.mental)), ("Cacat Mental", .disabled(.mental)), ("Mental/Jiwa", .disabled(.mental)),
            ("Cacat Mental/Jiwa", .disabled(.mental)), ("Jiwa", .disabled(.mental)), ("Gangguan Jiwa", .disabled(.mental)),
            ("ODGJ", .disabled(.mental)), ("Psikososial", .disabled(.mental)), ("Disabilitas Psikososial", .disabled(.mental)),
            ("Mantan Penderita Gangguan Jiwa", .disabled(.mental)), ("Autis", .disabled(.mental)), ("Autisme", .disabled(.mental)),
            ("Hiperaktif", .disabled(.mental)), ("Disabilitas Mental/Jiwa", .disabled(.mental)), ("Ragam Mental", .disabled(.mental)),
            // sensorik
            ("Disabilitas Sensorik", .disabled(.sensory)), ("Tuna Netra", .disabled(.sensory)), ("Tunanetra", .disabled(.sensory)),
            ("Netra", .disabled(.sensory)), ("Buta", .disabled(.sensory)), ("Netra/Buta", .disabled(.sensory)),
            ("Cacat Netra/Buta", .disabled(.sensory)), ("Tuna Netra/Buta", .disabled(.sensory)), ("Disabilitas Netra", .disabled(.sensory)),
            ("Tuna Rungu", .disabled(.sensory)), ("Tunarungu", .disabled(.sensory)), ("Tuli", .disabled(.sensory)), ("Rungu", .disabled(.sensory)),
            ("Tuna Wicara", .disabled(.sensory)), ("Tunawicara", .disabled(.sensory)), ("Bisu", .disabled(.sensory)), ("Wicara", .disabled(.sensory)),
            ("Rungu/Wicara", .disabled(.sensory)), ("Cacat Rungu/Wicara", .disabled(.sensory)), ("Tuna Rungu Wicara", .disabled(.sensory)),
            ("Tunarungu Wicara", .disabled(.sensory)), ("Tuna Rungu/Wicara", .disabled(.sensory)), ("Tuna Rungu & Wicara", .disabled(.sensory)),
            ("Bisu Tuli", .disabled(.sensory)), ("Tuli Bisu", .disabled(.sensory)), ("Disabilitas Rungu", .disabled(.sensory)),
            ("Disabilitas Wicara", .disabled(.sensory)), ("Ragam Sensorik", .disabled(.sensory)),
            ("Tuna Netra, Rungu & Wicara", .disabled(.sensory)),
            // ganda
            ("Disabilitas Ganda", .disabled(.multiple)), ("Ganda/Multi", .disabled(.multiple)), ("Multi", .disabled(.multiple)),
            ("Disabilitas Multi", .disabled(.multiple)), ("Disabilitas Ganda/Multi", .disabled(.multiple)), ("Tuna Ganda", .disabled(.multiple)),
            ("Fisik dan Mental", .disabled(.multiple)), ("Cacat Fisik dan Mental", .disabled(.multiple)),
            ("Cacat Fisik & Mental", .disabled(.multiple)), ("Cacat Ganda", .disabled(.multiple)), ("Ragam Ganda", .disabled(.multiple)),
        ]
        return LabelIndex(pairs)
    }()
}

/// The Washington Group–style functional-difficulty questions of Regsosek 2022 (question 428 a–i,
/// `shared/docs/domain.md` §1.5, §4.3), each answered 1 cannot at all, 2 a lot of difficulty / needs help,
/// 3 some difficulty, 4 no difficulty.
public enum WashingtonGroup {
    /// One domain of question 428 and the ragam it points to (§4.3: a/b/g sensorik, c/d fisik,
    /// e intelektual, f mental; h self-care and i remembering/concentration name no ragam).
    public enum Domain: String, Sendable, CaseIterable {
        case seeing = "428a", hearing = "428b", walking = "428c", handsAndFingers = "428d", learning = "428e",
             behaviour = "428f", speaking = "428g", selfCare = "428h", remembering = "428i"

        /// The ragam a difficulty in this domain belongs to; `nil` for self-care and remembering.
        public var type: DisabilityType? {
            switch self {
            case .seeing, .hearing, .speaking: .sensory
            case .walking, .handsAndFingers: .physical
            case .learning: .intellectual
            case .behaviour: .mental
            case .selfCare, .remembering: nil
            }
        }
    }

    /// The person's disability from their 428 a–i answers. A person has a disability when at least one
    /// domain is answered 1 (cannot at all) or 2 (a lot of difficulty); its ragam is the ragam of those
    /// domains — one ragam as is, two or more ragam *ganda*, only self-care/remembering no named ragam.
    /// No such answer: ``Disability/notDisabled`` when at least one domain is answered 1–4, `nil` when none is
    /// (the questions were not asked). Answers outside 1–4 count as not given. Question 428j (depression
    /// frequency) is on another scale and is not part of this rule.
    public static func disability(_ answers: [Domain: Int]) -> Disability? {
        let given = answers.filter { (1...4).contains($0.value) }
        guard !given.isEmpty else { return nil }
        let difficult = given.filter { $0.value <= 2 }.map(\.key)
        guard !difficult.isEmpty else { return Disability.notDisabled }
        let types = Set(difficult.compactMap(\.type))
        switch types.count {
        case 0: return .disabled(.unspecified)
        case 1: return types.first.map(Disability.disabled) ?? .disabled(.unspecified)
        default: return .disabled(.multiple)
        }
    }
}
