#!/usr/bin/env python3
"""Cross-checks the hand-made fixtures of this folder (python3 + openpyxl; the tests do not need it).

1. Every NIK and KK is valid: 16 digits (dots allowed), an NTB kecamatan of wilayah-ntb.csv, a real date
   (NIK: birth date DDMMYY with +40 for women, equal to the row's birth date and sex; KK: issue date), serial >= 1.
2. Prints, per desa and in total, the figures the tests expect (ages on 2025-06-30, dead/moved left out), counted
   here with plain loops over the rows, so that the figures written by hand in the Swift tests can be compared.
"""
import csv
import datetime
import os
import re

from openpyxl import load_workbook

D = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(D, "../../../../Sources/LumbungReference/Resources/reference/wilayah-ntb.csv")
KECAMATAN = {r["kode"].replace(".", "") for r in csv.DictReader(open(REF)) if r["tingkat"] == "kecamatan"}
AS_OF = datetime.date(2025, 6, 30)


def embedded(d6):
    day, month, year = int(d6[:2]), int(d6[2:4]), int(d6[4:])
    for century in (2000, 1900):
        try:
            date = datetime.date(century + year, month, day)
        except ValueError:
            return None
        if date <= AS_OF:
            return date
    return None


def nik(text, born=None, sex=None, where=""):
    digits = str(text).replace(".", "")
    assert re.fullmatch(r"\d{16}", digits), (where, digits)
    assert digits[:6] in KECAMATAN, (where, "kecamatan", digits)
    day = int(digits[6:8])
    female = day > 40
    date = embedded("%02d" % (day - 40 if female else day) + digits[8:12])
    assert date, (where, "date", digits)
    assert int(digits[12:]) >= 1, (where, "serial", digits)
    if born:
        assert date == born, (where, digits, date, born)
    if sex is not None:
        assert female == (sex == "F"), (where, digits, sex)
    return date, "F" if female else "M"


def kk(text, where=""):
    digits = str(text)
    assert re.fullmatch(r"\d{16}", digits), (where, digits)
    assert digits[:6] in KECAMATAN, (where, digits)
    assert embedded(digits[6:12]), (where, "issue date", digits)
    assert int(digits[12:]) >= 1, (where, "serial", digits)


def age(born):
    return AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))


def band(years):
    return "0-4" if years < 5 else "5-17" if years < 18 else "18-59" if years < 60 else "60+"


def show(name, people):
    """people: dicts with desa, kk, sex, born, head, dis, desil."""
    families = {}
    for person in people:
        families.setdefault((person["desa"], person["kk"]), []).append(person)
    out = {}
    for (desa, _), members in families.items():
        t = out.setdefault(desa, dict(fam=0, ppl=0, M=0, F=0, **{"0-4": 0, "5-17": 0, "18-59": 0, "60+": 0},
                                      dis=0, femhead=0, child=0, eld=0, d1=0, d14=0))
        t["fam"] += 1
        heads = [m for m in members if m["head"]]
        if heads and heads[0]["sex"] == "F":
            t["femhead"] += 1
        ages = [age(m["born"]) for m in members]
        t["child"] += any(a < 18 for a in ages)
        t["eld"] += any(a >= 60 for a in ages)
        desil = members[0]["desil"]
        t["d1"] += desil == 1
        t["d14"] += bool(desil and 1 <= desil <= 4)
        for member, years in zip(members, ages):
            t["ppl"] += 1
            t[member["sex"]] += 1
            t[band(years)] += 1
            t["dis"] += bool(member["dis"])
    print("==", name)
    total = {}
    for desa, figures in sorted(out.items()):
        print("  ", desa, figures)
        for key, value in figures.items():
            total[key] = total.get(key, 0) + value
    print("   total", total)


def dmy(text):
    return datetime.date(int(text[6:10]), int(text[3:5]), int(text[0:2]))


def main():
    people = []
    for i, r in enumerate(csv.DictReader(open(os.path.join(D, "dtsen-art.csv"))), start=2):
        born, sex = dmy(r["Tgl Lahir"]), "M" if r["Jenis Kelamin"] == "L" else "F"
        nik(r["NIK"], born, sex, i)
        kk(r["NO.KK"], i)
        people.append(dict(desa=r["Kode Desa"].replace(".", ""), kk=r["NO.KK"], sex=sex, born=born,
                           head=r["SHDK"] == "Kepala Keluarga", dis=r["Disabilitas"] != "Tidak Ada", desil=int(r["Desil"])))
    show("dtsen-art.csv", people)

    sheet = load_workbook(os.path.join(D, "p3ke-individu.xlsx")).active
    header, people = [c.value for c in sheet[12]], []
    for row in sheet.iter_rows(min_row=13, values_only=True):
        r = dict(zip(header, row))
        born, sex = dmy(r["Tanggal Lahir"]), "M" if r["Jenis Kelamin"] == "Laki-laki" else "F"
        nik(r["NIK"], born, sex, r["Nama"])
        people.append(dict(desa=r["Kode Kemendagri"], kk=r["ID Keluarga P3KE"], sex=sex, born=born,
                           head=r["Hubungan dengan Kepala Keluarga"] == "Kepala Keluarga", dis=False,
                           desil=int(r["Desil Kesejahteraan"])))
    show("p3ke-individu.xlsx", people)

    rows = list(csv.reader(open(os.path.join(D, "village-export.csv"))))
    people = []
    for i, row in enumerate(rows[1:], start=2):
        if row[0] == "###":
            break
        r = dict(zip(rows[0], row))
        born, sex = datetime.date.fromisoformat(r["tanggallahir"]), "M" if r["sex"] == "1" else "F"
        nik(r["nik"], born, sex, i)
        kk(r["no_kk"], i)
        if r["status_dasar"] == "1":
            people.append(dict(desa="sokong", kk=r["no_kk"], sex=sex, born=born, head=r["kk_level"] == "1",
                               dis=r["cacat_id"] != "7", desil=None))
    show("village-export.csv", people)

    sheet = load_workbook(os.path.join(D, "siak-extract.xlsx")).active
    header, people = [c.value for c in sheet[1]], []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        r = dict(zip(header, row))
        if not r["NIK"]:
            continue
        born, sex = dmy(r["Tanggal Lahir"]), "M" if r["Kelamin"] == "Laki-Laki" else "F"
        nik(r["NIK"], born, sex, r["Nama Penduduk"])
        kk(r["Nomor KK"])
        if r["Status"] == "Hidup":
            people.append(dict(desa=r["Desa/Kel"], kk=r["Nomor KK"], sex=sex, born=born,
                               head=r["SHDK"] == "KEPALA KELUARGA", dis=bool(r["Cacat"]), desil=None))
    show("siak-extract.xlsx", people)

    sheet = load_workbook(os.path.join(D, "bdt-2015.xlsx")).active
    header, people = [c.value for c in sheet[1]], []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        r = dict(zip(header, row))
        sex = "M" if r["JnsKel"] == "1" else "F"
        born, _ = nik(r["NIK"], dmy(r["TglLahir"]) if r["TglLahir"] else None, sex, r["Nama"])
        kk(r["NoKK"])
        mid2015 = datetime.date(2015, 6, 30)
        assert mid2015.year - born.year - ((6, 30) < (born.month, born.day)) == r["Umur"], r["Nama"]
        people.append(dict(desa=r["KDDESA"], kk=r["NoKK"], sex=sex, born=born, head=r["Hub_KRT"] == "1",
                           dis=r["Jenis_cacat"] != "Tidak Cacat", desil=-(-r["percentile"] // 10)))
    show("bdt-2015.xlsx (KDDESA)", people)

    workbook = load_workbook(os.path.join(D, "regsosek-2022.xlsx"))
    place = {r[0]: r[4] for r in workbook["keterangan tempat"].iter_rows(min_row=2, values_only=True)}
    sheet = workbook["anggota keluarga"]
    header, people = [c.value for c in sheet[1]], []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        r = dict(zip(header, row))
        value = r["406. Tanggal lahir"]
        born = dmy(value) if isinstance(value, str) else datetime.date(1899, 12, 30) + datetime.timedelta(days=value)
        sex = "M" if r["405. Jenis kelamin"] == 1 else "F"
        nik(r["403. NIK"], born, sex, r["402. Nama"])
        kk(r["no kartu keluarga"])
        if r["404. Keterangan keberadaan"] == 1:
            people.append(dict(desa=place[r["no kartu keluarga"]], kk=r["no kartu keluarga"], sex=sex, born=born,
                               head=r["409. Hubungan dengan kepala keluarga"] == 1,
                               dis=any(r[k] in (1, 2) for k in header if k.startswith("428")), desil=None))
    show("regsosek-2022.xlsx (BPS desa)", people)

    sheet = load_workbook(os.path.join(D, "instructions-then-data.xlsx"))["Data"]
    header, people = [c.value for c in sheet[1]], []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        r = dict(zip(header, row))
        born, sex = dmy(r["Tanggal Lahir"]), "M" if r["Jenis Kelamin"] == "Laki-laki" else "F"
        nik(r["NIK"], born, sex, r["Nama Lengkap"])
        kk(r["No. KK"])
        people.append(dict(desa=r["Kode Wilayah"], kk=r["No. KK"], sex=sex, born=born,
                           head=r["Hubungan Keluarga"] == "KEPALA KELUARGA", dis=r["Jenis Disabilitas"] != "Tidak Ada", desil=None))
    show("instructions-then-data.xlsx", people)

    people = []
    for i, r in enumerate(csv.DictReader(open(os.path.join(D, "dates-month-first.csv"))), start=2):
        text = r["Tanggal Lahir"]
        born = datetime.date(int(text[6:]), int(text[:2]), int(text[3:5]))
        sex = "M" if r["Jenis Kelamin"] == "Laki-laki" else "F"
        nik(r["NIK"], born, sex, i)
        kk(r["No KK"], i)
        people.append(dict(desa=r["Kode Kelurahan"], kk=r["No KK"], sex=sex, born=born,
                           head=r["Hubungan Keluarga"] == "Kepala Keluarga", dis=r["Disabilitas"] != "Tidak Ada", desil=None))
    show("dates-month-first.csv", people)

    for name in sorted(os.listdir(D)):
        if name.startswith("bad-") and name.endswith(".csv"):
            for i, r in enumerate(csv.DictReader(open(os.path.join(D, name))), start=2):
                nik(r["NIK"], dmy(r["Tgl Lahir"]), "M" if r["Jenis Kelamin"] == "L" else "F", (name, i))
                if r["NO.KK"]:
                    kk(r["NO.KK"], (name, i))
    print("every NIK and KK is valid and matches its row")


if __name__ == "__main__":
    main()
