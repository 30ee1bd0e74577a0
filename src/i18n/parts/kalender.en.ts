import type { kalenderId } from './kalender.id.js';
export const kalenderEn: Record<keyof typeof kalenderId, string> = {
  'kalender.nav': 'Holiday calendar',
  'kalender.title': 'Holiday calendar {year}',
  'kalender.intro':
    'National holidays and collective leave are set each year by a joint decree (SKB) of the Ministers of Religious Affairs, Manpower and Administrative Reform; the start and end of Ramadan by the Ministry of Religious Affairs’ isbat session. On holidays and collective leave nobody needs to check in and nobody is cut; on Ramadan days the Ramadan hours apply.',
  'kalender.schedules_link':
    'Holidays, collective leave and Ramadan: import and change them on the Holiday calendar page.',
  'kalender.warning_title': 'The national holiday calendar for {year} is missing',
  'kalender.warning_body':
    'Without the national holidays and collective leave of {year}, anyone who does not check in on those days is recorded as absent without reason and has their allowance cut. Import the SKB on national holidays and collective leave for {year} as soon as it is published.',
  'kalender.warning_shipped':
    'The {year} calendar file is already in the application: open the Holiday calendar and press "Import the {year} calendar".',
  'kalender.warning_link': 'Open the {year} holiday calendar',
  'kalender.list_caption': 'Holidays, collective leave and Ramadan {year}',
  'kalender.col_dates': 'Date',
  'kalender.col_kind': 'Kind',
  'kalender.col_name': 'Description',
  'kalender.col_origin': 'Source',
  'kalender.col_action': 'Action',
  'kalender.origin_manual': 'Entered by the city',
  'kalender.origin_bawaan': 'Shipped file',
  'kalender.origin_unggahan': 'Upload',
  'kalender.counts': '{libur} national holidays, {cuti} collective leave days, {ramadan} Ramadan range(s).',
  'kalender.ramadan_hint':
    'Ramadan is set by the government’s isbat session. If the city follows other dates, remove the imported Ramadan range and add the city’s own below: later imports do not overwrite it.',
  'kalender.shipped_title': 'Import the national calendar',
  'kalender.shipped_hint':
    'Files shipped with the application, transcribed from the SKB and the isbat. Importing again gives the same entries; days the city added itself are kept.',
  'kalender.shipped_none': 'No shipped file yet. Upload the calendar as CSV.',
  'kalender.import_shipped': 'Import the {year} calendar',
  'kalender.last_import': 'Last imported {date} by {name} ({count} entries).',
  'kalender.never_imported': 'Never imported in this city.',
  'kalender.upload_title': 'Upload a calendar (CSV)',
  'kalender.upload_hint':
    'For a year with no shipped file yet, e.g. the 2027 SKB once published. One file holds one year’s calendar. Columns:',
  'kalender.col_help_date': 'date (or tanggal): 2027-01-01 or 01/01/2027',
  'kalender.col_help_end': 'end (or sampai): empty for one day; the last day of a range such as Ramadan',
  'kalender.col_help_kind': 'kind (or jenis): libur_nasional, cuti_bersama or ramadan',
  'kalender.col_help_name': 'name (or nama): description, at most 120 characters',
  'kalender.col_help_source':
    'A line "# sumber: …" at the top names what the file transcribes; without it, fill in the Source field below.',
  'kalender.upload_button': 'Check and import',
  'kalender.source_hint':
    'E.g. SKB of the Ministers of Religious Affairs, Manpower and Administrative Reform No. … of … on National Holidays and Collective Leave 2027',
  'kalender.imported':
    'Calendar {year} imported from {source}: {inserted} new entries, {kept} unchanged, {removed} removed as no longer in the file.',
  'kalender.skipped': '{skipped} row(s) skipped because the city had already entered those days itself:',
  'kalender.add_title': 'Add a day yourself',
  'kalender.add_hint':
    'For instance a regional holiday set by the city, or the city’s Ramadan range. Entries added here are not changed by imports.',
  'f.source': 'Source',
  'kalender.err.file_missing': 'Choose the calendar CSV file, or paste its content.',
  'kalender.err.file_empty': 'The file is empty. Choose a calendar CSV with a header row and rows of dates.',
  'kalender.err.file_too_large': 'The file is over 64 KB; a year’s calendar is far smaller. Check the file.',
  'kalender.err.file_spreadsheet':
    'This is an Excel workbook, not a CSV. In Excel choose Save As → CSV (comma delimited), then upload it again.',
  'kalender.err.file_pdf': 'This is a PDF. Copy the dates into a CSV like the example and upload the CSV.',
  'kalender.err.file_not_text': 'This file is not CSV text. Save the calendar as CSV (UTF-8) and upload it again.',
  'kalender.err.file_encoding': 'The file is not saved as UTF-8. Save it again as "CSV UTF-8" and upload it again.',
  'kalender.err.csv_unreadable':
    'The CSV cannot be read (an unpaired quote?). Save it again as comma-separated CSV and upload it again.',
  'kalender.err.csv_empty': 'The file has no rows of dates. Add one row per day below the header row.',
  'kalender.err.csv_columns':
    'Required columns are missing: {columns}. The header must be like the example: date,end,kind,name.',
  'kalender.err.csv_too_many': 'Too many rows (at most {max}). One file holds one year’s calendar.',
  'kalender.err.no_national':
    'The file has no national holiday. One file holds a whole year’s calendar: national holidays, collective leave, Ramadan.',
  'kalender.err.row_text': 'Row {line}: it contains hidden or control characters. Type the row again.',
  'kalender.err.row_date':
    'Row {line}: the date "{value}" is not recognised or does not exist. Write it like 2027-01-01 or 01/01/2027.',
  'kalender.err.row_end':
    'Row {line}: the end date "{value}" is not recognised. Leave it empty for one day, or write it like 2027-03-10.',
  'kalender.err.row_end_before':
    'Row {line}: the end date {end} is before the start date {start}. Swap or correct the dates.',
  'kalender.err.row_range_long': 'Row {line}: the range is longer than {max} days. Check its end date.',
  'kalender.err.row_kind': 'Row {line}: the kind "{value}" is unknown. Write libur_nasional, cuti_bersama or ramadan.',
  'kalender.err.row_name': 'Row {line}: a description is required, at most {max} characters.',
  'kalender.err.row_year':
    'Row {line}: its date is not in {year} like the first row. One file holds one year: move this row to its own year’s file.',
  'kalender.err.row_twice': 'Row {line}: the same kind on the same day is already on row {other}. Remove one of them.',
  'kalender.err.source_missing':
    'Write what the calendar is based on in the Source field (e.g. the SKB number), or add a line "# sumber: …" at the top of the file.',
  'kalender.err.not_shipped': 'There is no shipped calendar file for {year}. Upload the calendar as CSV.',
};
