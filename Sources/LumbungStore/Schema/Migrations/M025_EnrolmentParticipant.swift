extension Migration {
    /// The participant number a programme gives its beneficiary (`No. Peserta` of a programme workbook or list: a
    /// PKH or KKS number, a BPJS card number …), as the list gave it (issue 14); NULL when no list gave one.
    static let enrolmentParticipant = Migration(id: 25, name: "enrolment participant number") { _ in
        ["ALTER TABLE enrolment ADD COLUMN participant_number TEXT"]
    }
}
