import { Instrument } from './instrument';

/**
 * The Patient Health Questionnaire-9 (PHQ-9), Spitzer, Williams, Kroenke and colleagues, with an
 * educational grant from Pfizer Inc. No permission is required to reproduce, translate, display or
 * distribute it. English: the original form; Spanish: the Spanish (USA) version published with it.
 * Source, version and how the wording and LOINC codes were checked (2026-12-07): SOURCE.md beside this file.
 */
export const PHQ9: Instrument = {
  id: 'phq9',
  title: 'PHQ-9',
  canonical: 'https://ipt-companion.example.org/fhir/Questionnaire/phq9',
  version: '1999-pfizer',
  loinc: { panel: '44249-1', total: '44261-6' },
  bands: [
    { id: 'minimal', min: 0, max: 4 },
    { id: 'mild', min: 5, max: 9 },
    { id: 'moderate', min: 10, max: 14 },
    { id: 'moderatelySevere', min: 15, max: 19 },
    { id: 'severe', min: 20, max: 27 },
  ],
  reliableChange: 6,
  remissionBelow: 5,
  safetyItem: 9,
  itemCodes: ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
  text: {
    en: {
      stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
      items: [
        'Little interest or pleasure in doing things',
        'Feeling down, depressed, or hopeless',
        'Trouble falling or staying asleep, or sleeping too much',
        'Feeling tired or having little energy',
        'Poor appetite or overeating',
        'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
        'Trouble concentrating on things, such as reading the newspaper or watching television',
        'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
        'Thoughts that you would be better off dead or of hurting yourself in some way',
      ],
      answers: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
    },
    es: {
      stem: 'Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?',
      items: [
        'Poco interés o placer en hacer cosas',
        'Se ha sentido decaído(a), deprimido(a) o sin esperanzas',
        'Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado',
        'Se ha sentido cansado(a) o con poca energía',
        'Sin apetito o ha comido en exceso',
        'Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia',
        'Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión',
        '¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario – muy inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal',
        'Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera',
      ],
      answers: ['Ningún día', 'Varios días', 'Más de la mitad de los días', 'Casi todos los días'],
    },
  },
};
