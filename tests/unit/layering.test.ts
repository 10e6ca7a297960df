import { ESLint } from 'eslint'

// The layering is a lint rule, so it holds as the code grows (docs/architecture.md).
const eslint = new ESLint()

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId)
}

describe('lint keeps the layers apart', () => {
  it.each([
    ['app/domain/new-rule.ts', "import { sql } from 'drizzle-orm'\nexport const q = sql`1`\n"],
    ['app/domain/new-rule.ts', "import { users } from '#db/schema'\nexport const t = users\n"],
    ['app/domain/new-rule.ts', "import { json } from '@remix-run/node'\nexport const r = json\n"],
    ['app/domain/new-rule.ts', "import { getDb } from '~/models/scope.server'\nexport const d = getDb\n"],
    ['app/routes/new-page.tsx', "import { users } from '#db/schema'\nexport const t = users\n"],
    ['app/routes/new-page.tsx', "import { eq } from 'drizzle-orm'\nexport const e = eq\n"],
    ['app/routes/new-page.tsx', "import { z } from 'zod'\nexport const s = z.string()\n"],
    ['app/components/new-widget.tsx', "import { z } from 'zod'\nexport const s = z.string()\n"],
  ])('refuses %s importing across the layers: %s', async (filePath, code) => {
    expect(await problems(filePath, code)).toContain('no-restricted-imports')
  })

  it('lets a server module beside a route build a schema', async () => {
    expect(
      await problems('app/routes/new-page/forms.server.ts', "import { z } from 'zod'\nexport const s = z.string()\n"),
    ).toEqual([])
  })

  it('lets a model use the database and a route use a model', async () => {
    expect(
      await problems('app/models/new-model.server.ts', "import { eq } from 'drizzle-orm'\nexport const e = eq\n"),
    ).toEqual([])
    expect(
      await problems(
        'app/routes/new-page.tsx',
        "import { peopleInScope } from '~/models/scope.server'\nexport const p = peopleInScope\n",
      ),
    ).toEqual([])
  })
})
