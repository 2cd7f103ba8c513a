/*
 * The calendar of a date field, in a popover, in the form language. Its own module, loaded the
 * first time a calendar opens (React.lazy in DateControl): MUI X's date pickers are a fifth of
 * the element's script and most people type the date.
 */
import Popover from '@mui/material/Popover';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { deDE, enUS, frFR, nlNL } from '@mui/x-date-pickers/locales';
import type { Dayjs } from 'dayjs';
import { dayjsLocale, isoToDayjs } from './dates.ts';

const PICKER_LOCALES = { fr: frFR, nl: nlNL, de: deDE, en: enUS } as const;

function pickerLocaleText(locale: string) {
  const lang = locale.slice(0, 2).toLowerCase() as keyof typeof PICKER_LOCALES;
  return (PICKER_LOCALES[lang] ?? enUS).components.MuiLocalizationProvider.defaultProps.localeText;
}

export default function DateCalendarDialog(props: {
  anchor: HTMLElement | null;
  label: string;
  locale: string;
  value: Dayjs | null;
  min: string | undefined;
  max: string | undefined;
  onChoose: (d: Dayjs | null) => void;
  onClose: () => void;
}) {
  return (
    <Popover
      open
      anchorEl={props.anchor}
      onClose={props.onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      slotProps={{ paper: { role: 'dialog', 'aria-label': props.label } }}
    >
      <LocalizationProvider
        dateAdapter={AdapterDayjs}
        adapterLocale={dayjsLocale(props.locale)}
        localeText={pickerLocaleText(props.locale)}
      >
        <DateCalendar
          autoFocus
          value={props.value}
          minDate={isoToDayjs(props.min) ?? undefined}
          maxDate={isoToDayjs(props.max) ?? undefined}
          onChange={(d: Dayjs | null, state) => {
            if (state === 'finish') props.onChoose(d);
          }}
          views={['year', 'month', 'day']}
          openTo="day"
        />
      </LocalizationProvider>
    </Popover>
  );
}
