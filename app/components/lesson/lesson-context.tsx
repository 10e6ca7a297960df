import { createContext, useContext } from 'react'
import type { PublicRolePlayStart } from '~/content/public-views'

export interface LessonContextValue {
  missionStatement: string | null
  organisationName: string
  rolePlays: PublicRolePlayStart[]
}

const LessonContext = createContext<LessonContextValue>({ missionStatement: null, organisationName: '', rolePlays: [] })

export const LessonContextProvider = LessonContext.Provider
export const useLessonContext = () => useContext(LessonContext)
