import { createContext, useContext } from 'react'

const NonceContext = createContext<string>('')

export const NonceProvider = NonceContext.Provider

/** The request's CSP nonce; empty in the browser, where React hydrates without it. */
export const useNonce = () => useContext(NonceContext)
