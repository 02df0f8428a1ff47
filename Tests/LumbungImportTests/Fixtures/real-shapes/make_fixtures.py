#!/usr/bin/env python3
"""Writes the hand-made XLSX fixtures of Tests/LumbungImportTests/Fixtures/real-shapes.

Every row below is written out by hand from the layout descriptions of docs/domain.md §1 (P3KE individu,
SIAK extract, BDT 2015, Regsosek 2022, a data sheet behind an instructions sheet, and two bad inputs);
nothing here comes from `lumbung generate` or from the importer. The CSV fixtures of the folder are
written by hand directly. The tests read the committed .xlsx files, so they never need Python:
run this script (python3 + openpyxl) only to change a fixture, then commit both.

All NIKs and KKs are fake but valid: 6 digits of an NTB kecamatan (Kemendagri), the birth date DDMMYY
(+40 on the day for women) or the KK's issue date, and a serial in the 9xxx range.
The expected figures of each fixture are written out in RealShapesTests.swift.
"""
import datetime
import os

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = datetime.datetime(2025, 6, 1, 8, 0, 0)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def excel_serial(year, month, day):
    """The number Excel stores for a date (days since 1899-12-30)."""
    return (datetime.date(year, month, day) - datetime.date(1899, 12, 30)).days


def new_workbook():
    workbook = Workbook()
    workbook.properties.creator = "lumbung fixtures"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    return workbook


def put_row(sheet, row_number, values, text_columns=(), bold=False):
    """Writes one row; columns listed in text_columns get the text format '@' as a careful user sets."""
    for index, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=row_number, column=index, value=value)
        if index in text_columns:
            cell.number_format = "@"
        if bold:
            cell.font = Font(bold=True)


def save(workbook, name):
    path = os.path.join(HERE, name)
    workbook.save(path)
    print("wrote", path)


# 1. P3KE individu: a title block, header on row 12, data from row 13; one row per person with the
#    family's columns repeated; dates as text 'dd/mm/yyyy 0:00:00' DAY-first; BKKBN education bands.
#    The same people as the families of dtsen-art.csv in desil 1-4 (F1, F2, F4, F5), under P3KE ids.
def p3ke_individu():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Data Individu"
    put_row(sheet, 1, ["DATA PENSASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)"], bold=True)
    put_row(sheet, 2, ["KEMENTERIAN KOORDINATOR BIDANG PEMBANGUNAN MANUSIA DAN KEBUDAYAAN"])
    put_row(sheet, 4, ["Provinsi", ": NUSA TENGGARA BARAT"])
    put_row(sheet, 5, ["Kabupaten/Kota", ": LOMBOK TIMUR"])
    put_row(sheet, 6, ["Kecamatan", ": KERUAK"])
    put_row(sheet, 8, ["Tanggal unduh", ": 12/05/2025"])
    put_row(sheet, 10, ["Data bersifat RAHASIA, hanya untuk keperluan penyasaran program."])
    header = ["No", "ID Keluarga P3KE", "ID Individu", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan",
              "Kode Kemendagri", "Desil Kesejahteraan", "Alamat", "Kepala Keluarga", "NIK", "Padan Dukcapil", "Nama",
              "Jenis Kelamin", "Tanggal Lahir", "Hubungan dengan Kepala Keluarga", "Status Kawin", "Pendidikan",
              "Pekerjaan", "Jenis Atap", "Jenis Dinding", "Jenis Lantai", "Penerima BPNT", "Penerima PKH"]
    put_row(sheet, 12, header, bold=True)
    pijot = ["NUSA TENGGARA BARAT", "LOMBOK TIMUR", "KERUAK", "PIJOT", "5203012002"]
    sepit = ["NUSA TENGGARA BARAT", "LOMBOK TIMUR", "KERUAK", "SEPIT", "5203012004"]
    f1 = ["P520301200200101"] + [None] + pijot + ["1", "DUSUN PIJOT LAUQ", "AMAQ CONTOH SAHNAN"]
    f2 = ["P520301200200102"] + [None] + pijot + ["3", "DUSUN PIJOT DAYE", "INAQ CONTOH RABIAH"]
    f4 = ["P520301200400201"] + [None] + sepit + ["2", "DUSUN SEPIT TIMUQ", "INAQ CONTOH SEPIT"]
    f5 = ["P520301200400202"] + [None] + sepit + ["4", "DUSUN SEPIT BAT", "AMAQ CONTOH RUMBUK"]
    house1 = ["Seng", "Bambu", "Tanah", "YA", "YA"]
    house2 = ["Seng", "Kayu/papan", "Semen/bata merah", "YA", "TIDAK"]
    house4 = ["Jerami/ijuk/daun/rumbia", "Kayu/papan", "Tanah", "YA", "YA"]
    house5 = ["Seng", "Tembok", "Semen/bata merah", "TIDAK", "TIDAK"]
    people = [
        # family, person id, NIK, name, sex, birth date (DAY-first), relationship, marital, education, work, housing
        (f1, "01", "5203012706809901", "AMAQ CONTOH SAHNAN", "Laki-laki", "27/06/1980 0:00:00", "Kepala Keluarga", "Kawin", "Tamat SD/sederajat", "Petani", house1),
        (f1, "02", "5203014411849902", "INAQ CONTOH SAHNAN", "Perempuan", "04/11/1984 0:00:00", "Istri", "Kawin", "Tidak tamat SD/sederajat", "Mengurus rumah tangga", house1),
        # 4 Nov 2020: 4 years old on 2025-06-30 (read month-first it would be 11 Apr 2020: 5 years old)
        (f1, "03", "5203010411209903", "CONTOH PUTRA SAHNAN", "Laki-laki", "04/11/2020 0:00:00", "Anak", "Belum Kawin", "Tidak/belum sekolah", "Tidak bekerja", house1),
        (f1, "04", "5203015508129904", "CONTOH PUTRI SAHNAN", "Perempuan", "15/08/2012 0:00:00", "Anak", "Belum Kawin", "Masih SD/sederajat", "Pelajar", house1),
        (f2, "01", "5203014701589905", "INAQ CONTOH RABIAH", "Perempuan", "07/01/1958 0:00:00", "Kepala Keluarga", "Cerai Hidup", "Tidak/belum sekolah", "Petani", house2),
        # 3 Dec 2007: 17 on 2025-06-30 (read month-first it would be 12 Mar 2007: 18)
        (f2, "02", "5203014312079906", "CONTOH BAIQ RABIAH", "Perempuan", "03/12/2007 0:00:00", "Anak", "Belum Kawin", "Masih SLTA/sederajat", "Pelajar", house2),
        (f2, "03", "5203012002509907", "AMAQ CONTOH RABIAH", "Laki-laki", "20/02/1950 0:00:00", "Lainnya", "Cerai Mati", "Tidak/belum sekolah", "Tidak bekerja", house2),
        (f4, "01", "5203016105759910", "INAQ CONTOH SEPIT", "Perempuan", "21/05/1975 0:00:00", "Kepala Keluarga", "Cerai Hidup", "Tamat SD/sederajat", "Buruh tani", house4),
        (f4, "02", "5203011402199911", "CONTOH PUTRA SEPIT", "Laki-laki", "14/02/2019 0:00:00", "Anak", "Belum Kawin", "Masih SD/sederajat", "Pelajar", house4),
        (f4, "03", "5203010901239912", "CONTOH ADIK SEPIT", "Laki-laki", "09/01/2023 0:00:00", "Anak", "Belum Kawin", "Tidak/belum sekolah", "Tidak bekerja", house4),
        (f5, "01", "5203010107629913", "AMAQ CONTOH RUMBUK", "Laki-laki", "01/07/1962 0:00:00", "Kepala Keluarga", "Kawin", "Tamat SD/sederajat", "Nelayan", house5),
        (f5, "02", "5203015010669914", "INAQ CONTOH RUMBUK", "Perempuan", "10/10/1966 0:00:00", "Istri", "Kawin", "Tamat SD/sederajat", "Mengurus rumah tangga", house5),
    ]
    for number, (family, person, nik, name, sex, born, relation, marital, education, work, house) in enumerate(people, start=1):
        values = [number, family[0], family[0] + person] + family[2:7] + [family[7], family[8], family[9], nik, "YA", name,
                  sex, born, relation, marital, education, work] + house
        put_row(sheet, 12 + number, values, text_columns=(2, 3, 8, 12, 16))
    save(workbook, "p3ke-individu.xlsx")


# 4. SIAK extract: names of kecamatan and desa only, a Status per person, labels everywhere, and
#    formatted but empty rows below the data.
def siak_extract():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    header = ["Nomor KK", "NIK", "Nama Penduduk", "Status", "Tempat Lahir", "Tanggal Lahir", "Kelamin", "Status Kawin",
              "SHDK", "Agama", "Kecamatan", "Desa/Kel", "Alamat", "RW", "RT", "Pendidikan", "Pekerjaan", "Cacat"]
    put_row(sheet, 1, header, bold=True)
    g = ("GANGGA", "GENGGELANG")
    b = ("GANGGA", "BENTEK")
    rows = [
        ("5208020112179701", "5208021403729701", "AMAQ CONTOH GENGGELANG", "Hidup", "GENGGELANG", "14-03-1972", "Laki-Laki", "KAWIN", "KEPALA KELUARGA", "ISLAM", g, "DUSUN MONTONG", "001", "002", "TAMAT SD/SEDERAJAT", "PETANI/PEKEBUN", ""),
        ("5208020112179701", "5208025806769702", "INAQ CONTOH GENGGELANG", "Hidup", "GENGGELANG", "18-06-1976", "Perempuan", "KAWIN", "ISTRI", "ISLAM", g, "DUSUN MONTONG", "001", "002", "TAMAT SD/SEDERAJAT", "MENGURUS RUMAH TANGGA", ""),
        ("5208020112179701", "5208026204149703", "CONTOH PUTRI GENGGELANG", "Hidup", "GENGGELANG", "22-04-2014", "Perempuan", "BELUM KAWIN", "ANAK", "ISLAM", g, "DUSUN MONTONG", "001", "002", "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA", "CACAT RUNGU/WICARA"),
        ("5208020112179701", "5208020909219704", "CONTOH PUTRA GENGGELANG", "Hidup", "GENGGELANG", "09-09-2021", "Laki-Laki", "BELUM KAWIN", "ANAK", "ISLAM", g, "DUSUN MONTONG", "001", "002", "TIDAK/BELUM SEKOLAH", "BELUM/TIDAK BEKERJA", ""),
        ("5208020112179701", "5208024505459705", "PAPUQ CONTOH GENGGELANG", "Mati", "GANGGA", "05-05-1945", "Perempuan", "CERAI MATI", "ORANG TUA", "ISLAM", g, "DUSUN MONTONG", "001", "002", "TIDAK/BELUM SEKOLAH", "BELUM/TIDAK BEKERJA", ""),
        ("5208021509199702", "5208027001639706", "INAQ CONTOH MONTONG", "Hidup", "GENGGELANG", "30-01-1963", "Perempuan", "CERAI MATI", "KEPALA KELUARGA", "ISLAM", g, "DUSUN MONTONG", "001", "003", "TIDAK/BELUM SEKOLAH", "PETANI/PEKEBUN", ""),
        ("5208021509199702", "5208020808009707", "CONTOH LALU MONTONG", "Pindah Dalam Negeri", "GENGGELANG", "08-08-2000", "Laki-Laki", "BELUM KAWIN", "ANAK", "ISLAM", g, "DUSUN MONTONG", "001", "003", "SLTA/SEDERAJAT", "KARYAWAN SWASTA", ""),
        ("5208021509199702", "5208021010189708", "CONTOH CUCU MONTONG", "Hidup", "GENGGELANG", "10-10-2018", "Laki-Laki", "BELUM KAWIN", "CUCU", "ISLAM", g, "DUSUN MONTONG", "001", "003", "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA", ""),
        ("5208022002209703", "5208020112589709", "AMAQ CONTOH BENTEK", "Hidup", "BENTEK", "01-12-1958", "Laki-Laki", "KAWIN", "KEPALA KELUARGA", "ISLAM", b, "DUSUN AMOR-AMOR", "002", "001", "TAMAT SD/SEDERAJAT", "PETANI/PEKEBUN", "CACAT FISIK"),
        ("5208022002209703", "5208024303619710", "INAQ CONTOH BENTEK", "Hidup", "BENTEK", "03-03-1961", "Perempuan", "KAWIN", "ISTRI", "ISLAM", b, "DUSUN AMOR-AMOR", "002", "001", "TIDAK/BELUM SEKOLAH", "MENGURUS RUMAH TANGGA", ""),
        ("5208020303229704", "5208020707859711", "CONTOH LALU BENTEK", "Hidup", "MATARAM", "07-07-1985", "Laki-Laki", "KAWIN", "KEPALA KELUARGA", "ISLAM", b, "DUSUN AMOR-AMOR", "002", "004", "DIPLOMA IV/STRATA I", "GURU", ""),
        ("5208020303229704", "5208025702879712", "CONTOH BAIQ BENTEK", "Hidup", "BENTEK", "17-02-1987", "Perempuan", "KAWIN", "ISTRI", "ISLAM", b, "DUSUN AMOR-AMOR", "002", "004", "SLTA/SEDERAJAT", "WIRASWASTA", ""),
        ("5208020303229704", "5208024106089713", "CONTOH PUTRI BENTEK", "Hidup", "BENTEK", "01-06-2008", "Perempuan", "BELUM KAWIN", "ANAK", "ISLAM", b, "DUSUN AMOR-AMOR", "002", "004", "SLTP/SEDERAJAT", "PELAJAR/MAHASISWA", ""),
    ]
    for offset, row in enumerate(rows):
        kk, nik, name, status, place, born, sex, marital, shdk, religion, (district, village), address, rw, rt, education, work, disability = row
        values = [kk, nik, name, status, place, born, sex, marital, shdk, religion, district, village, address, rw, rt,
                  education, work, disability or None]
        put_row(sheet, 2 + offset, values, text_columns=(1, 2, 6, 14, 15))
        for column in range(1, len(header) + 1):
            sheet.cell(row=2 + offset, column=column).border = BOX
    # Formatted but empty rows, as SIAK downloads have below the data.
    for row_number in range(2 + len(rows), 2 + len(rows) + 25):
        for column in range(1, len(header) + 1):
            cell = sheet.cell(row=row_number, column=column)
            cell.border = BOX
            cell.number_format = "@"
    save(workbook, "siak-extract.xlsx")


# 5. BDT 2015: BPS codes split over KDPROP/KDKAB/KDKEC/KDDESA, a row of column numbers under the header,
#    Hub_KRT (1 KRT, 2 istri/suami, 3 anak, 4 menantu, 5 cucu, 6 orang tua/mertua, 7 pembantu, 8 lainnya),
#    JnsKel 1/2, Umur (in 2015) and no birth date on some rows, percentile (desil = ceil(percentile/10)).
#    Bima, kecamatan Bolo (BPS 5206020 = Kemendagri 52.06.02): BPS desa 007 is Timu (52.06.02.2006) and
#    005 is Sondosia (52.06.02.2008) by the crosswalk — not 2007 Bontokape or 2005 Leu.
def bdt_2015():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "BDT_ART"
    header = ["IDBDT", "IDARTBDT", "KDPROP", "KDKAB", "KDKEC", "KDDESA", "Nama", "JnsKel", "TmpLahir", "TglLahir",
              "Hub_KRT", "NIK", "NoKK", "Umur", "Sta_kawin", "Jenis_cacat", "percentile"]
    put_row(sheet, 1, header, bold=True)
    put_row(sheet, 2, list(range(1, len(header) + 1)))
    timu = ["52", "06", "020", "007"]
    sondosia = ["52", "06", "020", "005"]
    rows = [
        ("BDT5206020007001", "01", timu, "AMAQ CONTOH TIMU", "1", "BIMA", "12-05-1976", "1", "5206021205769601", "5206020404159601", 39, "2", "Tidak Cacat", 7),
        ("BDT5206020007001", "02", timu, "INAQ CONTOH TIMU", "2", "BIMA", "", "2", "5206024703809602", "5206020404159601", 35, "2", "Tidak Cacat", 7),
        ("BDT5206020007001", "03", timu, "CONTOH PUTRA TIMU", "1", "BIMA", "", "3", "5206022001099603", "5206020404159601", 6, "1", "Tuna Netra/Buta", 7),
        ("BDT5206020007001", "04", timu, "PAPUQ CONTOH TIMU", "2", "BIMA", "", "6", "5206025506479604", "5206020404159601", 68, "4", "Tidak Cacat", 7),
        ("BDT5206020007002", "01", timu, "INAQ CONTOH LEMBAH", "2", "BIMA", "02-10-1968", "1", "5206024210689605", "5206021212149602", 46, "4", "Tidak Cacat", 35),
        ("BDT5206020007002", "02", timu, "CONTOH BAIQ LEMBAH", "2", "BIMA", "09-09-2003", "3", "5206024909039606", "5206021212149602", 11, "1", "Tidak Cacat", 35),
        ("BDT5206020007002", "03", timu, "CONTOH CUCU LEMBAH", "1", "BIMA", "14-02-2014", "5", "5206021402149607", "5206021212149602", 1, "1", "Tidak Cacat", 35),
        ("BDT5206020005001", "01", sondosia, "AMAQ CONTOH SONDOSIA", "1", "BIMA", "", "1", "5206020103539608", "5206020808139603", 62, "2", "Tuna Daksa/Cacat Tubuh", 15),
        ("BDT5206020005001", "02", sondosia, "INAQ CONTOH SONDOSIA", "2", "BIMA", "25-12-1957", "2", "5206026512579609", "5206020808139603", 57, "2", "Tidak Cacat", 15),
        ("BDT5206020005002", "01", sondosia, "CONTOH LALU SONDOSIA", "1", "DOMPU", "30-04-1990", "1", "5206023004909610", "5206021001159604", 25, "2", "Tidak Cacat", 55),
        ("BDT5206020005002", "02", sondosia, "CONTOH BAIQ SONDOSIA", "2", "BIMA", "", "2", "5206025707939611", "5206021001159604", 21, "2", "Tidak Cacat", 55),
        ("BDT5206020005002", "03", sondosia, "CONTOH ADIK SONDOSIA", "1", "BIMA", "03-03-2015", "3", "5206020303159612", "5206021001159604", 0, "1", "Tidak Cacat", 55),
    ]
    for offset, (ruta, art, codes, name, sex, place, born, relation, nik, kk, age, marital, disability, percentile) in enumerate(rows):
        values = [ruta, ruta + art] + codes + [name, sex, place, born or None, relation, nik, kk, age, marital, disability, percentile]
        put_row(sheet, 3 + offset, values, text_columns=(1, 2, 3, 4, 5, 6, 10, 12, 13))
    save(workbook, "bdt-2015.xlsx")


# 6. Regsosek 2022: three sheets joined by `no kartu keluarga` (keterangan tempat with BPS codes, perumahan,
#    anggota keluarga), question codes in the headers, birth dates as text dd-mm-yyyy on some rows and as
#    bare Excel serial numbers (number cells) on others; 407 umur at
#    enumeration (2022); 404 keberadaan (1 tinggal, 2 meninggal);
#    409 hubungan (1 KK, 2 istri/suami, 3 anak, 5 cucu, 6 orang tua); 428a-c difficulty (1 cannot at all,
#    2 a lot, 3 some, 4 none). Lombok Barat, kecamatan Sekotong (BPS 5201010 = Kemendagri 52.01.07):
#    BPS desa 001 Pelangan = 52.01.07.2003, 002 Sekotong Barat = 52.01.07.2002.
def regsosek_2022():
    workbook = new_workbook()
    place = workbook.active
    place.title = "keterangan tempat"
    put_row(place, 1, ["no kartu keluarga", "101. Kode Provinsi", "102. Kode Kabupaten/Kota", "103. Kode Kecamatan",
                       "104. Kode Desa/Kelurahan", "105. Kode SLS/Non SLS", "107. Nama SLS", "110. Alamat"], bold=True)
    families = [
        ("5201070306199501", ["52", "01", "010", "001"], "0001", "RT 001 PELANGAN", "DUSUN PELANGAN"),
        ("5201071404209502", ["52", "01", "010", "001"], "0002", "RT 002 PELANGAN", "DUSUN PELANGAN"),
        ("5201072902169503", ["52", "01", "010", "002"], "0001", "RT 001 SEKOTONG BARAT", "DUSUN BATU PUTIH"),
        ("5201071707219504", ["52", "01", "010", "002"], "0003", "RT 003 SEKOTONG BARAT", "DUSUN BATU PUTIH"),
    ]
    for offset, (kk, codes, sls, sls_name, address) in enumerate(families):
        put_row(place, 2 + offset, [kk] + codes + [sls, sls_name, address], text_columns=(1, 2, 3, 4, 5, 6))

    housing = workbook.create_sheet("perumahan")
    put_row(housing, 1, ["no kartu keluarga", "301a. Status kepemilikan bangunan", "302. Luas lantai", "303. Jenis lantai terluas",
                         "304. Jenis dinding terluas", "305. Jenis atap terluas", "306a. Sumber air minum utama",
                         "307a. Sumber penerangan utama", "308. Bahan bakar utama memasak", "309a. Fasilitas tempat BAB"], bold=True)
    houses = [
        ("5201070306199501", [1, 24, 8, 6, 7, 6, 3, 10, 6]),
        ("5201071404209502", [1, 30, 6, 3, 3, 5, 1, 4, 1]),
        ("5201072902169503", [1, 45, 2, 1, 2, 3, 1, 4, 1]),
        ("5201071707219504", [3, 20, 6, 4, 3, 4, 2, 10, 4]),
    ]
    for offset, (kk, codes) in enumerate(houses):
        put_row(housing, 2 + offset, [kk] + codes, text_columns=(1,))

    members = workbook.create_sheet("anggota keluarga")
    put_row(members, 1, ["no kartu keluarga", "401. No urut", "402. Nama", "403. NIK", "404. Keterangan keberadaan",
                         "405. Jenis kelamin", "406. Tanggal lahir", "407. Umur", "408. Status perkawinan",
                         "409. Hubungan dengan kepala keluarga", "428a. Kesulitan melihat", "428b. Kesulitan mendengar",
                         "428c. Kesulitan berjalan"], bold=True)
    people = [
        ("5201070306199501", 1, "AMAQ CONTOH PELANGAN", "5201071102829501", 1, 1, "11-02-1982", 40, 2, 1, 4, 4, 4),
        ("5201070306199501", 2, "INAQ CONTOH PELANGAN", "5201076307859502", 1, 2, excel_serial(1985, 7, 23), 37, 2, 2, 4, 4, 4),
        ("5201070306199501", 3, "CONTOH PUTRI PELANGAN", "5201075503219503", 1, 2, excel_serial(2021, 3, 15), 1, 1, 3, 2, 4, 4),
        ("5201070306199501", 4, "PAPUQ CONTOH PELANGAN", "5201071111519504", 2, 1, "11-11-1951", 70, 4, 6, 4, 4, 4),
        ("5201071404209502", 1, "INAQ CONTOH SEKAR", "5201074509569505", 1, 2, excel_serial(1956, 9, 5), 66, 4, 1, 4, 4, 4),
        ("5201071404209502", 2, "CONTOH PUTRA SEKAR", "5201073010099506", 1, 1, "30-10-2009", 12, 1, 3, 4, 4, 3),
        ("5201072902169503", 1, "AMAQ CONTOH BATU", "5201070101799507", 1, 1, excel_serial(1979, 1, 1), 43, 2, 1, 4, 4, 1),
        ("5201072902169503", 2, "INAQ CONTOH BATU", "5201074404839508", 1, 2, "04-04-1983", 39, 2, 2, 4, 4, 4),
        ("5201072902169503", 3, "CONTOH PUTRA BATU", "5201071212129509", 1, 1, "12-12-2012", 9, 1, 3, 4, 4, 4),
        ("5201072902169503", 4, "CONTOH CUCU BATU", "5201074505229510", 1, 2, excel_serial(2022, 5, 5), 0, 1, 5, 4, 4, 4),
        ("5201071707219504", 1, "AMAQ CONTOH PUTIH", "5201072906609511", 1, 1, "29-06-1960", 62, 2, 1, 4, 3, 4),
    ]
    for offset, values in enumerate(people):
        put_row(members, 2 + offset, list(values), text_columns=(1, 4))
    save(workbook, "regsosek-2022.xlsx")


# 7. A first sheet of instructions and the data on sheet 2; some NIKs written with dots (6.6.4).
#    Kota Mataram, kecamatan Ampenan (52.71.01): kelurahan Ampenan Selatan 52.71.01.1004 and Ampenan Utara 52.71.01.1007.
def instructions_then_data():
    workbook = new_workbook()
    notes = workbook.active
    notes.title = "Petunjuk"
    for offset, line in enumerate([
        "PETUNJUK PENGISIAN DATA PENDUDUK",
        "1. Isi satu baris untuk setiap orang di lembar Data.",
        "2. Kolom NIK dan No. KK diisi sebagai teks, 16 digit.",
        "3. Tanggal lahir ditulis tanggal/bulan/tahun (dd/mm/yyyy).",
        "4. Kode wilayah memakai kode Kemendagri 10 digit (boleh dengan titik).",
        "5. Jangan mengubah judul kolom.",
    ]):
        put_row(notes, 1 + offset, [line])
    data = workbook.create_sheet("Data")
    put_row(data, 1, ["No. KK", "NIK", "Nama Lengkap", "Kode Wilayah", "Hubungan Keluarga", "Jenis Kelamin",
                      "Tanggal Lahir", "Jenis Disabilitas"], bold=True)
    rows = [
        ("5271010606189401", "527101.170877.9401", "AMAQ CONTOH AMPENAN", "52.71.01.1004", "KEPALA KELUARGA", "Laki-laki", "17/08/1977", "Tidak Ada"),
        ("5271010606189401", "5271016101809402", "INAQ CONTOH AMPENAN", "52.71.01.1004", "ISTRI", "Perempuan", "21/01/1980", "Tidak Ada"),
        ("5271010606189401", "527101.090317.9403", "CONTOH PUTRA AMPENAN", "52.71.01.1004", "ANAK", "Laki-laki", "09/03/2017", "Tidak Ada"),
        ("5271011212229402", "5271016412509404", "INAQ CONTOH PANTAI", "52.71.01.1004", "KEPALA KELUARGA", "Perempuan", "24/12/1950", "Rungu/Wicara"),
        ("5271011212229402", "5271017105859405", "CONTOH BAIQ PANTAI", "52.71.01.1004", "ANAK", "Perempuan", "31/05/1985", "Tidak Ada"),
        ("5271011212229402", "5271011510229406", "CONTOH CUCU PANTAI", "52.71.01.1004", "CUCU", "Laki-laki", "15/10/2022", "Tidak Ada"),
        ("5271010102239403", "527101.060693.9407", "CONTOH LALU UTARA", "52.71.01.1007", "KEPALA KELUARGA", "Laki-laki", "06/06/1993", "Tidak Ada"),
        ("5271010102239403", "5271016611969408", "CONTOH BAIQ UTARA", "52.71.01.1007", "ISTRI", "Perempuan", "26/11/1996", "Tidak Ada"),
        ("5271010102239403", "5271014101209409", "CONTOH PUTRI UTARA", "52.71.01.1007", "ANAK", "Perempuan", "01/01/2020", "Tidak Ada"),
        ("5271010102239403", "5271010808239410", "CONTOH ADIK UTARA", "52.71.01.1007", "ANAK", "Laki-laki", "08/08/2023", "Tidak Ada"),
    ]
    for offset, values in enumerate(rows):
        put_row(data, 2 + offset, list(values), text_columns=(1, 2, 4, 7))
    save(workbook, "instructions-then-data.xlsx")


# 8e. Bad input: the KK column typed as numbers, so Excel kept 15 significant digits (last digit 0) on every
#     row. Same people as the bad-*.csv files (Lombok Tengah, Praya).
def bad_kk_15_digits():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    put_row(sheet, 1, ["NO.KK", "NIK", "Nama", "Kode Desa", "SHDK", "Jenis Kelamin", "Tgl Lahir", "Disabilitas", "Desil"], bold=True)
    rows = [
        # 5202010204179301 → 5202010204179300 (5.20201020417930E+15)
        (5202010204179300, "5202011305819301", "Amaq Contoh Mertak", "52.02.01.2010", "Kepala Keluarga", "L", "13-05-1981", "Tidak Ada", 2),
        (5202010204179300, "5202016209839302", "Inaq Contoh Mertak", "52.02.01.2010", "Istri", "P", "22-09-1983", "Tidak Ada", 2),
        (5202010204179300, "5202012803119303", "Contoh Putra Mertak", "52.02.01.2010", "Anak", "L", "28-03-2011", "Tidak Ada", 2),
        (5202010204179300, "5202015407169304", "Contoh Putri Mertak", "52.02.01.2010", "Anak", "P", "14-07-2016", "Tidak Ada", 2),
        # 5202011506199302 → 5202011506199300
        (5202011506199300, "5202015702559305", "Inaq Contoh Tombok", "52.02.01.2010", "Kepala Keluarga", "P", "17-02-1955", "Tidak Ada", 1),
        (5202011506199300, "5202011910909306", "Contoh Lalu Tombok", "52.02.01.2010", "Anak", "L", "19-10-1990", "Tidak Ada", 1),
        (5202011506199300, "5202016904139307", "Contoh Baiq Tombok", "52.02.01.2010", "Famili Lain", "P", "29-04-2013", "Tidak Ada", 1),
        # 5202012011219303 → 5202012011219300
        (5202012011219300, "5202013011709308", "Amaq Contoh Aik", "52.02.01.2011", "Kepala Keluarga", "L", "30-11-1970", "Tidak Ada", 5),
        (5202012011219300, "5202015606749309", "Inaq Contoh Aik", "52.02.01.2011", "Istri", "P", "16-06-1974", "Tidak Ada", 5),
        (5202012011219300, "5202012508069310", "Contoh Putra Aik", "52.02.01.2011", "Anak", "L", "25-08-2006", "Tidak Ada", 5),
    ]
    for offset, values in enumerate(rows):
        put_row(sheet, 2 + offset, list(values), text_columns=(2, 4, 7))
        sheet.cell(row=2 + offset, column=1).number_format = "0.00000E+00"
    save(workbook, "bad-kk-15-digits.xlsx")


# 8h. Bad input: a sheet that is not people at all — a list of programmes.
def bad_not_people():
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Daftar Program"
    put_row(sheet, 1, ["No", "Nama Program", "Sasaran", "Sumber Dana", "Tanggal Mulai", "Tanggal Selesai", "Anggaran (Rp)", "Keterangan"], bold=True)
    rows = [
        ("Bantuan Langsung Tunai Dana Desa", "Keluarga", "Dana Desa", "01/01/2025", "31/12/2025", 360000000, "Desil 1 didahulukan"),
        ("Program Keluarga Harapan", "Keluarga", "APBN", "01/01/2025", "31/12/2025", 0, "Dari Kemensos"),
        ("Program Sembako / BPNT", "Keluarga", "APBN", "01/01/2025", "31/12/2025", 0, "Kartu KKS"),
        ("PBI Jaminan Kesehatan", "Individu", "APBN", "01/01/2025", "31/12/2025", 0, "Iuran dibayar negara"),
        ("PBI Daerah", "Individu", "APBD Provinsi", "01/02/2025", "31/12/2025", 1250000000, "Iuran dibayar pemda"),
        ("Bedah Rumah (RTLH)", "Keluarga", "APBD Kabupaten", "01/03/2025", "30/11/2025", 900000000, "Lantai, dinding, atap"),
        ("Desa Berdaya", "Desa", "APBD Provinsi", "01/04/2025", "31/12/2029", 500000000, "106 desa"),
        ("Beasiswa Anak Sekolah", "Individu", "BAZNAS", "15/07/2025", "30/06/2026", 150000000, "Usia 6-21 tahun"),
        ("Pelatihan Usaha Perempuan", "Individu", "LKKS NTB", "01/05/2025", "31/08/2025", 75000000, "PRSE"),
        ("Bantuan Alat Bantu Disabilitas", "Individu", "Dinas Sosial", "01/06/2025", "31/12/2025", 120000000, "Kursi roda, tongkat"),
    ]
    for offset, values in enumerate(rows):
        put_row(sheet, 2 + offset, [offset + 1] + list(values))
    save(workbook, "bad-not-people.xlsx")


if __name__ == "__main__":
    p3ke_individu()
    siak_extract()
    bdt_2015()
    regsosek_2022()
    instructions_then_data()
    bad_kk_15_digits()
    bad_not_people()
