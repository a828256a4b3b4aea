import { Controller, Get, Header } from '@nestjs/common';
import { chartStyles } from '@ccndr/charts';
import { portalStyles } from '../views/layout';
import { fileFieldScript } from '../views/scripts';

/** The pages' stylesheet, with the charts' (@ccndr/charts), and their scripts: the same for everyone, no sign-in needed. */
@Controller('assets')
export class AssetsController {
  @Get('portal.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  styles(): string {
    return portalStyles + chartStyles;
  }

  @Get('file-field.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  fileField(): string {
    return fileFieldScript;
  }
}
