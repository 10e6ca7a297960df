import {
  type ImportLookups,
  type ImportReport,
  MAX_IMPORT_ROWS,
  creationOrder,
  emailsIn,
  importErrorReport,
  readImportCsv,
  readyLines,
  validateImport,
} from '~/domain/user-import'

const lookups: ImportLookups = {
  teams: ['Front Desk', 'Customer Care'],
  managerEmails: new Set(['mia@example.com', 'boss@example.com']),
  takenEmails: new Set(['taken@example.com']),
}

const check = (csv: string, with_: Partial<ImportLookups> = {}) =>
  validateImport(readImportCsv(csv), { ...lookups, ...with_ })

const HEADER = 'name,email,role,team,manager email,hire date'

function errorsByLineOf(report: ImportReport) {
  return Object.fromEntries(report.rows.map((r) => [r.line, r.errors.map((e) => `${e.column ?? 'row'}: ${e.message}`)]))
}

const errorsByLine = (csv: string) => errorsByLineOf(check(csv))

describe('reading the file', () => {
  it('accepts headers in any case, with spaces, underscores or aliases, in any order', () => {
    for (const header of [
      'Name,Email,Role,Team,Manager email,Hire date',
      'name,email,role,team,manager_email,hire_date',
      'NAME,E-mail address,ROLE,Team name,ManagerEmail,hired_at',
    ]) {
      const file = readImportCsv(`${header}\nAda,ada@example.com,manager,Front Desk,mia@example.com,2025-01-02\n`)
      expect(file.fileErrors).toEqual([])
      expect(file.rows[0]?.values).toEqual({
        name: 'Ada',
        email: 'ada@example.com',
        role: 'manager',
        team: 'Front Desk',
        managerEmail: 'mia@example.com',
        hiredAt: '2025-01-02',
      })
    }
    const reordered = readImportCsv('hire date,email,name\n2025-01-02,ada@example.com,Ada\n')
    expect(reordered.rows[0]?.values).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
      hiredAt: '2025-01-02',
      role: '',
    })
  })

  it('numbers rows by the line they start on, past blank lines, quoted line breaks and a byte-order mark', () => {
    const file = readImportCsv('\uFEFFname,email\r\n"Ada\r\nOkoye",ada@example.com\r\n\r\n,\r\nBo,bo@example.com\r\n')
    expect(file.fileErrors).toEqual([])
    expect(file.rows.map((r) => [r.line, r.values.name])).toEqual([
      [2, 'Ada\nOkoye'],
      [6, 'Bo'],
    ])
  })

  it('reports an empty file, a missing header column, unknown or repeated columns and a header with no rows', () => {
    expect(readImportCsv('  \n\n').fileErrors).toEqual(['The file is empty.'])
    expect(readImportCsv('name,role\nAda,learner\n').fileErrors[0]).toMatch(/no email column/)
    expect(readImportCsv('ada@example.com,Ada\nbo@example.com,Bo\n').fileErrors[0]).toMatch(
      /header.*no name or email column/,
    )
    expect(readImportCsv('name;email\nAda;ada@example.com\n').fileErrors[0]).toMatch(/semicolons/)
    expect(readImportCsv('name,email,phone\nAda,ada@example.com,123\n').fileErrors).toEqual([
      expect.stringMatching(/Unknown column "phone"/),
    ])
    expect(readImportCsv('name,email,Email\nAda,a@example.com,b@example.com\n').fileErrors).toEqual([
      'The header names email more than once.',
    ])
    expect(readImportCsv(`${HEADER}\n`).fileErrors).toEqual(['The file has no rows below the header.'])
  })

  it('ignores a trailing comma in the header, but not a column of values without a header', () => {
    expect(readImportCsv('name,email,\nAda,ada@example.com,\n').fileErrors).toEqual([])
    expect(readImportCsv('name,email,\nAda,ada@example.com,x\n').fileErrors[0]).toMatch(/no header, column 3/)
  })

  it('refuses more than the maximum number of rows', () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `P${i},p${i}@example.com`)
    const file = readImportCsv(`name,email\n${rows.join('\n')}\n`)
    expect(file.fileErrors).toEqual([expect.stringMatching(/5,001 rows; import at most 5,000/)])
    expect(file.rows).toEqual([])
    expect(readImportCsv(`name,email\n${rows.slice(1).join('\n')}\n`).fileErrors).toEqual([])
  })

  it('says on which line the CSV itself is broken', () => {
    expect(
      readImportCsv('name,email\nAda,ada@example.com\n\n"Bo,bo@example.com\nCy,cy@example.com\n').fileErrors,
    ).toEqual(['Line 4: a quoted value is never closed. Check that its closing quote is there.'])
    expect(readImportCsv('name,"email\nAda,ada@example.com\n').fileErrors).toEqual([
      expect.stringMatching(/^Line 1: a quoted value/),
    ])
    expect(readImportCsv('name,email\nAda "the ace",ada@example.com\n').fileErrors).toEqual([
      expect.stringMatching(/^Line 2: .*quotes/),
    ])
  })
})

describe('validating rows', () => {
  it('turns a good row into a person: email lower-cased, role defaulting to learner, team as the organisation spells it', () => {
    const report = check(`${HEADER}\n  Ada Okoye , Ada@Example.COM ,,front desk,MIA@example.com,2025-03-01\n`)
    expect(report.rows[0]).toMatchObject({
      line: 2,
      errors: [],
      person: {
        name: 'Ada Okoye',
        email: 'ada@example.com',
        role: 'learner',
        team: 'Front Desk',
        managerEmail: 'mia@example.com',
        hiredAt: '2025-03-01',
      },
    })
    expect(check(`${HEADER}\nBo,bo@example.com,Trainer,,,\n`).rows[0]?.person).toMatchObject({
      role: 'trainer',
      team: null,
      managerEmail: null,
      hiredAt: null,
    })
  })

  it('explains each problem with the column it belongs to, in column order', () => {
    const errors = errorsByLine(
      [
        HEADER,
        ',not-an-email,boss,Night Shift,someone@example.com,31/12/2025',
        'Cy,cy@example.com,learner,,,2025-02-30',
        'Di,taken@EXAMPLE.com,,,,',
        'Ed,ed@example.com,,,,,extra',
      ].join('\n'),
    )
    expect(errors[2]).toEqual([
      'name: Enter a name.',
      expect.stringMatching(/^email: Enter a valid email address/),
      'role: Use one of learner, manager, trainer, admin, or leave it blank for learner.',
      expect.stringMatching(/^team: There is no team called "Night Shift"/),
      expect.stringMatching(/^managerEmail: No active manager or admin has the email someone@example.com/),
      'hiredAt: Enter a date as YYYY-MM-DD.',
    ])
    expect(errors[3]).toEqual(['hiredAt: Enter a date as YYYY-MM-DD.'])
    expect(errors[4]).toEqual(['email: Someone already uses this email address.'])
    expect(errors[5]).toEqual(['row: This row has 1 more value than the header has columns.'])
  })

  it('flags every row of an email repeated in the file, whatever its case', () => {
    const errors = errorsByLine(`${HEADER}\nA,dup@example.com,,,,\nB,ok@example.com,,,,\nC,DUP@example.com,,,,\n`)
    expect(errors[2]).toEqual(['email: This email appears more than once in the file (lines 2, 4).'])
    expect(errors[3]).toEqual([])
    expect(errors[4]).toEqual(errors[2])
  })

  it('accepts a manager from the same file, above or below the report, only if their role can manage', () => {
    const ok = check(
      [
        HEADER,
        'Rep,rep@example.com,,,new.boss@example.com,',
        'New Boss,new.boss@example.com,manager,,,',
        'Rep2,rep2@example.com,,,new.boss@example.com,',
      ].join('\n'),
    )
    expect(ok.rows.flatMap((r) => r.errors)).toEqual([])

    const errors = errorsByLine(
      [HEADER, 'Rep,rep@example.com,,,peer@example.com,', 'Peer,peer@example.com,learner,,,'].join('\n'),
    )
    expect(errors[2]).toEqual([
      "managerEmail: peer@example.com is in this file as a learner; only a manager or admin can be someone's manager.",
    ])
  })

  it('refuses a person managing themselves and managers that form a loop', () => {
    const errors = errorsByLine(
      [
        HEADER,
        'Self,self@example.com,manager,,self@example.com,',
        'A,a@example.com,manager,,b@example.com,',
        'B,b@example.com,manager,,a@example.com,',
        'C,c@example.com,,,a@example.com,',
      ].join('\n'),
    )
    expect(errors[2]).toEqual(['managerEmail: A person cannot be their own manager.'])
    expect(errors[3]).toEqual([
      'managerEmail: Managers in this file form a loop: a@example.com → b@example.com → a@example.com.',
    ])
    expect(errors[4]).toEqual([
      'managerEmail: Managers in this file form a loop: b@example.com → a@example.com → b@example.com.',
    ])
    // C is fine on its own, but cannot be imported without its manager.
    expect(errors[5]).toEqual([
      'managerEmail: Their manager, on line 3, has problems; fix that row and this one can be imported too.',
    ])
  })

  it('summarises what is ready, and allows importing only a file without any error', () => {
    const mixed = check(`${HEADER}\nA,a@example.com,,,,\nB,bad,,,,\nC,c@example.com,,,,\n`)
    expect(mixed.summary).toEqual({ ready: 2, withErrors: 1, canImport: false })
    expect(check(`${HEADER}\nA,a@example.com,,,,\n`).summary).toEqual({ ready: 1, withErrors: 0, canImport: true })
    expect(check('').summary).toEqual({ ready: 0, withErrors: 0, canImport: false })
  })

  it('lists the emails to look up, lower-cased and once each', () => {
    expect(emailsIn(readImportCsv('name,email\nA, A@x.com\nB,a@x.com\nC,\n'))).toEqual(['a@x.com'])
  })
})

describe('creation order', () => {
  it('puts each manager from the file before their reports, and keeps file order otherwise', () => {
    const report = check(
      [
        HEADER,
        'Rep,rep@example.com,,,mid@example.com,',
        'Other,other@example.com,,,mia@example.com,',
        'Mid,mid@example.com,manager,,top@example.com,',
        'Top,top@example.com,admin,,,',
      ].join('\n'),
    )
    const people = report.rows.flatMap((r) => (r.person ? [r.person] : []))
    expect(people).toHaveLength(4)
    expect(creationOrder(people).map((p) => p.name)).toEqual(['Other', 'Top', 'Mid', 'Rep'])
  })
})

describe('importing only the ready rows', () => {
  it('holds back a row whose manager from the file has problems, and the rows under it', () => {
    const report = check(
      [
        HEADER,
        'Lead,lead@example.com,manager,Night Shift,,',
        'Mid,mid@example.com,manager,,lead@example.com,',
        'Rep,rep@example.com,,,mid@example.com,',
        'Solo,solo@example.com,,,mia@example.com,',
      ].join('\n'),
    )
    expect(readyLines(report)).toEqual([5])
    expect(errorsByLineOf(report)).toEqual({
      2: ['team: There is no team called "Night Shift". Create it on the Teams page first.'],
      3: ['managerEmail: Their manager, on line 2, has problems; fix that row and this one can be imported too.'],
      4: ['managerEmail: Their manager, on line 3, has problems; fix that row and this one can be imported too.'],
      5: [],
    })
  })
})

describe('the error report', () => {
  const csv = [
    HEADER,
    'Ada,ada@example.com,,,,',
    'Copy,taken@example.com,owner,,,',
    '"Quote, Q",q@example.com,,Night Shift,,02/03/2026',
  ].join('\n')

  it('lists each row with problems: its line, every problem, then its values under the import headers', () => {
    expect(importErrorReport(check(csv)).split('\r\n')).toEqual([
      'line,problems,name,email,role,team,manager email,hire date',
      '3,"email: Someone already uses this email address.; role: Use one of learner, manager, trainer, admin, or leave it blank for learner.",Copy,taken@example.com,owner,,,',
      '4,"team: There is no team called ""Night Shift"". Create it on the Teams page first.; hire date: Enter a date as YYYY-MM-DD.","Quote, Q",q@example.com,,Night Shift,,02/03/2026',
      '',
    ])
  })

  it('can be fixed and uploaded as it is: its line and problems columns are not read', () => {
    const fixed = importErrorReport(check(csv))
      .replace('taken@example.com,owner', 'copy@example.com,learner')
      .replace('Night Shift,,02/03/2026', 'Front Desk,,2026-03-02')
    const again = check(fixed)
    expect(again.fileErrors).toEqual([])
    expect(again.summary).toEqual({ ready: 2, withErrors: 0, canImport: true })
    expect(again.rows.map((r) => r.person?.email)).toEqual(['copy@example.com', 'q@example.com'])
  })

  it('is just the header when nothing is wrong', () => {
    expect(importErrorReport(check(`${HEADER}\nA,a@example.com,,,,\n`))).toBe(
      'line,problems,name,email,role,team,manager email,hire date\r\n',
    )
  })
})
