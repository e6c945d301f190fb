import { GAD7 } from './gad7';
import { Instrument, InstrumentId } from './instrument';
import { PHQ9 } from './phq9';

export * from './instrument';

export const INSTRUMENTS: Record<InstrumentId, Instrument> = { phq9: PHQ9, gad7: GAD7 };
