import { Instrument } from './instrument';

/**
 * The Generalized Anxiety Disorder 7-item scale (GAD-7), Spitzer, Kroenke, Williams and Löwe, with an
 * educational grant from Pfizer Inc. No permission is required to reproduce, translate, display or
 * distribute it. English: the original form; Spanish: the Spanish (USA) version published with it.
 * Source, version, what was checked (2026-12-07) and what is still owed (the Spanish text): SOURCE.md beside this file.
 */
export const GAD7: Instrument = {
  id: 'gad7',
  title: 'GAD-7',
  canonical: 'https://ipt-companion.example.org/fhir/Questionnaire/gad7',
  version: '2006-pfizer',
  loinc: { panel: '69737-5', total: '70274-6' },
  bands: [
    { id: 'minimal', min: 0, max: 4 },
    { id: 'mild', min: 5, max: 9 },
    { id: 'moderate', min: 10, max: 14 },
    { id: 'severe', min: 15, max: 21 },
  ],
  reliableChange: 4,
  itemCodes: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
  text: {
    en: {
      stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
      items: [
        'Feeling nervous, anxious, or on edge',
        'Not being able to stop or control worrying',
        'Worrying too much about different things',
        'Trouble relaxing',
        'Being so restless that it is hard to sit still',
        'Becoming easily annoyed or irritable',
        'Feeling afraid, as if something awful might happen',
      ],
      answers: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
    },
    es: {
      stem: 'Durante las últimas 2 semanas, ¿con qué frecuencia ha sentido molestias por los siguientes problemas?',
      items: [
        'Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta',
        'No ha sido capaz de parar o controlar su preocupación',
        'Se ha preocupado demasiado por motivos diferentes',
        'Ha tenido dificultad para relajarse',
        'Se ha sentido tan inquieto(a) que no ha podido quedarse quieto(a)',
        'Se ha molestado o irritado fácilmente',
        'Ha tenido miedo de que algo terrible fuera a pasar',
      ],
      answers: ['Nunca', 'Varios días', 'Más de la mitad de los días', 'Casi todos los días'],
    },
  },
};
